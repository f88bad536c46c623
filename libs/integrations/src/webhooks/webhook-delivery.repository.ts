import type { SqlExecutor } from '@switchboard/persistence';

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  ticket_id: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  retry_until: Date;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
  attempt_log: { attempt: number; statusCode: number | null; error: string | null; durationMs: number; at: string }[];
}

export interface WebhookDeliveryView {
  readonly id: string;
  readonly eventId: string;
  readonly event: string;
  readonly ticketId: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  /** When the next attempt is due (pending deliveries). */
  readonly nextAttemptAt: string | null;
  readonly retryUntil: string;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  readonly createdAt: string;
  /** Every attempt, oldest first, with the receiver's status code or the network error. */
  readonly attemptLog: DeliveryRow['attempt_log'];
}

const toView = (r: DeliveryRow): WebhookDeliveryView => ({
  id: r.id,
  eventId: r.event_id,
  event: r.event_type,
  ticketId: r.ticket_id,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
  retryUntil: r.retry_until.toISOString(),
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  deliveredAt: r.delivered_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  attemptLog: r.attempt_log,
});

const SELECT_DELIVERIES = `
  SELECT d.id, d.event_id, d.event_type, d.ticket_id, d.status, d.attempts, d.next_attempt_at, d.retry_until,
         d.last_status_code, d.last_error, d.delivered_at, d.created_at,
         COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'statusCode', a.status_code,
                     'error', a.error, 'durationMs', a.duration_ms, 'at', a.attempted_at) ORDER BY a.attempt)
                     FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS attempt_log
    FROM webhook_deliveries d`;

export interface DeliveryFilter {
  readonly status?: 'pending' | 'delivered' | 'failed' | undefined;
  readonly limit: number;
  /** The last id of the previous page (newest first). */
  readonly before?: string | undefined;
}

export async function listDeliveries(
  tx: SqlExecutor,
  tenantId: string,
  subscriptionId: string,
  filter: DeliveryFilter,
): Promise<WebhookDeliveryView[]> {
  const rows = await tx.query<DeliveryRow>(
    `${SELECT_DELIVERIES}
      WHERE d.tenant_id = $1 AND d.subscription_id = $2 AND ($3::text IS NULL OR d.status = $3)
        AND ($4::uuid IS NULL OR d.id < $4)
      ORDER BY d.id DESC LIMIT $5`,
    [tenantId, subscriptionId, filter.status ?? null, filter.before ?? null, filter.limit],
  );
  return rows.map(toView);
}

export async function findDelivery(
  tx: SqlExecutor,
  tenantId: string,
  subscriptionId: string,
  id: string,
): Promise<WebhookDeliveryView | null> {
  const [row] = await tx.query<DeliveryRow>(
    `${SELECT_DELIVERIES} WHERE d.tenant_id = $1 AND d.subscription_id = $2 AND d.id = $3`,
    [tenantId, subscriptionId, id],
  );
  return row ? toView(row) : null;
}

/** A manual replay: due now, with a fresh 24-hour window, whatever its state was. */
export async function replayDelivery(
  tx: SqlExecutor,
  tenantId: string,
  subscriptionId: string,
  id: string,
  now: Date,
  retryUntil: Date,
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $4, retry_until = $5, delivered_at = NULL
      WHERE tenant_id = $1 AND subscription_id = $2 AND id = $3 RETURNING id`,
    [tenantId, subscriptionId, id, now.toISOString(), retryUntil.toISOString()],
  );
  return rows.length === 1;
}
