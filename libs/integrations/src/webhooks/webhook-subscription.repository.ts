import type { SqlExecutor } from '@switchboard/persistence';
import type { WebhookEventType } from './webhook-events';

interface SubscriptionRow {
  id: string;
  url: string;
  events: string[];
  description: string;
  status: 'active' | 'disabled';
  consecutive_failures: number;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface WebhookSubscriptionView {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly description: string;
  readonly status: 'active' | 'disabled';
  readonly consecutiveFailures: number;
  /** Set when the dispatcher turned the subscription off after repeated failures: the notice. */
  readonly disabledAt: string | null;
  readonly disabledReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const toView = (r: SubscriptionRow): WebhookSubscriptionView => ({
  id: r.id,
  url: r.url,
  events: r.events,
  description: r.description,
  status: r.status,
  consecutiveFailures: r.consecutive_failures,
  disabledAt: r.disabled_at?.toISOString() ?? null,
  disabledReason: r.disabled_reason,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const COLUMNS = `id, url, events, description, status, consecutive_failures, disabled_at, disabled_reason, created_at, updated_at`;

export interface NewSubscription {
  readonly id: string;
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  readonly description: string;
  readonly secret: string;
  readonly createdBy: string;
}

export async function insertSubscription(
  tx: SqlExecutor,
  tenantId: string,
  s: NewSubscription,
): Promise<WebhookSubscriptionView> {
  const [row] = await tx.query<SubscriptionRow>(
    `INSERT INTO webhook_subscriptions (id, tenant_id, url, events, description, secret, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [s.id, tenantId, s.url, s.events, s.description, s.secret, s.createdBy],
  );
  if (!row) throw new Error('INSERT ... RETURNING gave no row');
  return toView(row);
}

export async function listSubscriptions(tx: SqlExecutor, tenantId: string): Promise<WebhookSubscriptionView[]> {
  const rows = await tx.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE tenant_id = $1 ORDER BY created_at, id`,
    [tenantId],
  );
  return rows.map(toView);
}

export async function findSubscription(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
): Promise<WebhookSubscriptionView | null> {
  const [row] = await tx.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return row ? toView(row) : null;
}

export interface SubscriptionPatch {
  readonly url?: string | undefined;
  readonly events?: readonly WebhookEventType[] | undefined;
  readonly description?: string | undefined;
  readonly status?: 'active' | 'disabled' | undefined;
}

/** A patch; turning a subscription (back) on clears its failure streak and the disable notice. */
export async function updateSubscription(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
  patch: SubscriptionPatch,
): Promise<WebhookSubscriptionView | null> {
  const [row] = await tx.query<SubscriptionRow>(
    `UPDATE webhook_subscriptions SET
        url = COALESCE($3, url),
        events = COALESCE($4, events),
        description = COALESCE($5, description),
        status = COALESCE($6, status),
        consecutive_failures = CASE WHEN $6 = 'active' THEN 0 ELSE consecutive_failures END,
        disabled_at = CASE WHEN $6 = 'active' THEN NULL WHEN $6 = 'disabled' THEN now() ELSE disabled_at END,
        disabled_reason = CASE WHEN $6 = 'active' THEN NULL WHEN $6 = 'disabled' THEN 'disabled by an admin'
                               ELSE disabled_reason END,
        updated_at = now()
      WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [tenantId, id, patch.url ?? null, patch.events ?? null, patch.description ?? null, patch.status ?? null],
  );
  return row ? toView(row) : null;
}

export async function deleteSubscription(tx: SqlExecutor, tenantId: string, id: string): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `DELETE FROM webhook_subscriptions WHERE tenant_id = $1 AND id = $2 RETURNING id`,
    [tenantId, id],
  );
  return rows.length === 1;
}
