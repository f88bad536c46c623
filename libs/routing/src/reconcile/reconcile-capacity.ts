import type { CapacityStore } from '@switchboard/coordination';
import type { SqlExecutor } from '@switchboard/persistence';

interface LoadRow {
  tenant_id: string;
  agent_id: string;
  channel: string | null;
  open: number;
}

interface TenantLoads {
  readonly totals: Map<string, number>;
  readonly channels: Map<string, Map<string, number>>;
}

/**
 * Seeds every agent's open-ticket counters (in all and per channel) that the coordination store
 * lacks from Postgres, the source of truth. Run at routing start-up and every few seconds after:
 * Redis keeps nothing on disk here, so after its restart the counters would otherwise start from
 * zero and agents would be over-filled. Counters that exist are left alone (see seedMissing).
 */
export async function reconcileCapacity(db: SqlExecutor, capacity: CapacityStore): Promise<number> {
  const rows = await db.query<LoadRow>(
    `SELECT a.tenant_id, a.id AS agent_id, t.channel, count(t.id)::int AS open
       FROM agents a
       LEFT JOIN tickets t ON t.assignee_id = a.id AND t.status NOT IN ('resolved', 'closed')
      GROUP BY a.tenant_id, a.id, t.channel`,
  );
  const byTenant = new Map<string, TenantLoads>();
  for (const row of rows) {
    const tenant: TenantLoads = byTenant.get(row.tenant_id) ?? {
      totals: new Map<string, number>(),
      channels: new Map<string, Map<string, number>>(),
    };
    tenant.totals.set(row.agent_id, (tenant.totals.get(row.agent_id) ?? 0) + row.open);
    if (row.channel !== null) {
      const channels = tenant.channels.get(row.agent_id) ?? new Map<string, number>();
      channels.set(row.channel, row.open);
      tenant.channels.set(row.agent_id, channels);
    }
    byTenant.set(row.tenant_id, tenant);
  }
  for (const [tenantId, { totals, channels }] of byTenant) await capacity.seedMissing(tenantId, totals, channels);
  return new Set(rows.map((r) => r.agent_id)).size;
}
