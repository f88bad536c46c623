import { newId } from '@switchboard/ids';
import type { SqlExecutor } from '@switchboard/persistence';

/** One administrative change: who did what to which user, team or department, with what values. */
export interface AdminAuditEntry {
  readonly tenantId: string;
  /** The admin; null when the system acted (a reuse-detected session revocation, a lockout). */
  readonly actorId: string | null;
  readonly action: string;
  readonly targetKind: 'department' | 'team' | 'user' | 'session' | 'api_key' | 'tenant';
  readonly targetId: string | null;
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface AdminAuditView {
  readonly id: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string | null;
  readonly data: Record<string, unknown>;
  readonly occurredAt: string;
}

interface AuditRow {
  id: string;
  actor_id: string | null;
  action: string;
  target_kind: string;
  target_id: string | null;
  data: Record<string, unknown>;
  occurred_at: Date;
}

/** Written in the same transaction as the change it records, so neither exists without the other. */
export async function recordAdminChange(tx: SqlExecutor, entry: AdminAuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO admin_audit_log (id, tenant_id, actor_id, action, target_kind, target_id, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      newId(),
      entry.tenantId,
      entry.actorId,
      entry.action,
      entry.targetKind,
      entry.targetId,
      JSON.stringify(entry.data ?? {}),
    ],
  );
}

export async function readAdminAudit(tx: SqlExecutor, tenantId: string, limit: number): Promise<AdminAuditView[]> {
  const rows = await tx.query<AuditRow>(
    `SELECT id, actor_id, action, target_kind, target_id, data, occurred_at FROM admin_audit_log
     WHERE tenant_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2`,
    [tenantId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    actorId: row.actor_id,
    action: row.action,
    targetKind: row.target_kind,
    targetId: row.target_id,
    data: row.data,
    occurredAt: row.occurred_at.toISOString(),
  }));
}
