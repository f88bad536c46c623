import { newId as makeId } from '@switchboard/ids';
import { createLogger } from '@switchboard/logger';
import type { Database, SqlExecutor } from '@switchboard/persistence';
import { isDelivered, nextAttemptAt } from './webhook-backoff';
import type { WebhookResponse, WebhookSender } from './webhook-sender';
import { signWebhook, WebhookHeaders } from './webhook-signature';

interface ClaimedDelivery {
  id: string;
  tenant_id: string;
  subscription_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  retry_until: Date;
  url: string;
  secret: string;
}

export interface DispatchOptions {
  /** Deliveries claimed per run. */
  readonly batchSize: number;
  /** Failed attempts in a row (across deliveries) after which a subscription is disabled. */
  readonly disableAfterFailures: number;
  /** How long a claimed delivery stays invisible to other dispatchers while it is being sent. */
  readonly leaseMs: number;
  readonly newId?: () => string;
  /** Signature timestamps: when the request leaves, whatever `now` the schedule was run for. */
  readonly clock?: () => number;
  readonly random?: () => number;
}

export interface DispatchResult {
  readonly attempted: number;
  readonly delivered: number;
  readonly disabled: number;
}

/**
 * Sends due webhook deliveries. A short transaction claims them (`FOR UPDATE SKIP LOCKED`, then a lease
 * moves their due time on, so several instances never send one twice at once and no transaction stays
 * open during HTTP, which the embedded single-session database could not afford); the requests go out
 * in parallel; a second transaction records each attempt, schedules the retry with exponential backoff
 * (or gives up after 24 h) and disables a subscription whose attempts failed `disableAfterFailures`
 * times in a row. A crash between sending and recording sends again after the lease: at least once,
 * and receivers dedupe by the delivery id.
 */
export class DispatchWebhooksUseCase {
  private readonly log = createLogger('DispatchWebhooks');
  private readonly newId: () => string;
  private readonly clock: () => number;

  constructor(
    private readonly db: Database,
    private readonly sender: WebhookSender,
    private readonly options: DispatchOptions,
  ) {
    this.newId = options.newId ?? makeId;
    this.clock = options.clock ?? Date.now;
  }

  async execute(now = new Date()): Promise<DispatchResult> {
    const claimed = await this.claim(now);
    if (claimed.length === 0) return { attempted: 0, delivered: 0, disabled: 0 };
    const responses = await Promise.all(claimed.map((d) => this.send(d)));
    const disabled = await this.db.transaction(async (tx) => {
      for (const [i, delivery] of claimed.entries()) {
        const response = responses[i];
        if (response) await this.record(tx, delivery, response, now);
      }
      return this.disableFailing(tx, [...new Set(claimed.map((d) => d.subscription_id))]);
    });
    const delivered = responses.filter((r) => isDelivered(r.statusCode)).length;
    return { attempted: claimed.length, delivered, disabled };
  }

  private claim(now: Date): Promise<ClaimedDelivery[]> {
    return this.db.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND s.status = 'active'
          ORDER BY d.next_attempt_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_deliveries d SET next_attempt_at = $3
         FROM due, webhook_subscriptions s
        WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.tenant_id, d.subscription_id, d.event_type, d.payload, d.attempts, d.retry_until, s.url, s.secret`,
      [now.toISOString(), this.options.batchSize, new Date(now.getTime() + this.options.leaseMs).toISOString()],
    );
  }

  private send(delivery: ClaimedDelivery): Promise<WebhookResponse> {
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(this.clock() / 1000);
    return this.sender.send({
      url: delivery.url,
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Switchboard-Webhooks/1',
        [WebhookHeaders.signature]: signWebhook(delivery.secret, timestamp, body),
        [WebhookHeaders.event]: delivery.event_type,
        [WebhookHeaders.delivery]: delivery.id,
      },
    });
  }

  private async record(tx: SqlExecutor, d: ClaimedDelivery, r: WebhookResponse, now: Date): Promise<void> {
    const attempt = d.attempts + 1;
    await tx.query(
      `INSERT INTO webhook_delivery_attempts (id, tenant_id, delivery_id, attempt, status_code, error, duration_ms, attempted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (delivery_id, attempt) DO NOTHING`,
      [this.newId(), d.tenant_id, d.id, attempt, r.statusCode, r.error, r.durationMs, now.toISOString()],
    );
    if (isDelivered(r.statusCode)) {
      await tx.query(
        `UPDATE webhook_deliveries SET status = 'delivered', attempts = $2, last_status_code = $3, last_error = NULL,
                delivered_at = $4 WHERE id = $1`,
        [d.id, attempt, r.statusCode, now.toISOString()],
      );
      await tx.query(`UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE id = $1`, [d.subscription_id]);
      return;
    }
    const next = nextAttemptAt(attempt, now, d.retry_until, this.options.random);
    await tx.query(
      `UPDATE webhook_deliveries SET status = $2, attempts = $3, last_status_code = $4, last_error = $5,
              next_attempt_at = COALESCE($6, next_attempt_at) WHERE id = $1`,
      [d.id, next ? 'pending' : 'failed', attempt, r.statusCode, r.error, next?.toISOString() ?? null],
    );
    await tx.query(`UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1 WHERE id = $1`, [
      d.subscription_id,
    ]);
    if (!next)
      this.log.warn({ deliveryId: d.id, tenantId: d.tenant_id, attempts: attempt }, 'webhook delivery gave up');
  }

  /** The notice: status, time and reason on the subscription (GET /webhooks shows it), and a warning log. */
  private async disableFailing(tx: SqlExecutor, subscriptionIds: readonly string[]): Promise<number> {
    const disabled = await tx.query<{ id: string; tenant_id: string; consecutive_failures: number }>(
      `UPDATE webhook_subscriptions SET status = 'disabled', disabled_at = now(), updated_at = now(),
              disabled_reason = format('disabled after %s failed attempts in a row', consecutive_failures)
        WHERE id = ANY($1::uuid[]) AND status = 'active' AND consecutive_failures >= $2
        RETURNING id, tenant_id, consecutive_failures`,
      [subscriptionIds, this.options.disableAfterFailures],
    );
    for (const s of disabled) {
      this.log.warn(
        { subscriptionId: s.id, tenantId: s.tenant_id, failures: s.consecutive_failures },
        'webhook subscription disabled after repeated failures',
      );
    }
    return disabled.length;
  }
}
