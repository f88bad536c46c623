import type { CapacityStore } from '@switchboard/coordination';
import type { SqlExecutor } from '@switchboard/persistence';

/**
 * Seeds every agent's open-ticket counter that the coordination store lacks from Postgres, the source
 * of truth. Run at routing start-up: Redis keeps nothing on disk here, so after its restart the
 * counters would otherwise start from zero and agents would be over-filled.
 */
export async function reconcileCapacity(db: SqlExecutor, capacity: CapacityStore): Promise<number> {
  const rows = await db.query<{ tenant_id: string; agent_id: string; open: string }>(
    `SELECT a.tenant_id, a.id AS agent_id, count(t.id) AS open
       FROM agents a
       LEFT JOIN tickets t ON t.assignee_id = a.id AND t.status NOT IN ('resolved', 'closed')
      GROUP BY a.tenant_id, a.id`,
  );
  const byTenant = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const loads = byTenant.get(row.tenant_id) ?? new Map<string, number>();
    loads.set(row.agent_id, Number(row.open));
    byTenant.set(row.tenant_id, loads);
  }
  for (const [tenantId, loads] of byTenant) await capacity.seedMissing(tenantId, loads);
  return rows.length;
}
