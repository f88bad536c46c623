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

interface Outcome {
  readonly delivery: ClaimedDelivery;
  readonly response: WebhookResponse;
  readonly attempt: number;
  readonly delivered: boolean;
  /** The retry's due time; null when delivered or given up. */
  readonly next: Date | null;
}

const noAnswer: WebhookResponse = { statusCode: null, error: 'no response', durationMs: 0 };

/**
 * Per subscription, in the pass's order: a success resets the streak of failed attempts to the
 * failures after the last success; without one, the pass's failures add to the streak.
 */
export function streaksOf(
  outcomes: readonly { delivery: { subscription_id: string }; delivered: boolean }[],
): { id: string; reset: boolean; failures: number }[] {
  const streaks = new Map<string, { id: string; reset: boolean; failures: number }>();
  for (const o of outcomes) {
    const id = o.delivery.subscription_id;
    const streak = streaks.get(id) ?? { id, reset: false, failures: 0 };
    streaks.set(id, o.delivered ? { id, reset: true, failures: 0 } : { ...streak, failures: streak.failures + 1 });
  }
  return [...streaks.values()];
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
 * in parallel; a second transaction records the attempts set-based (three statements per pass),
 * schedules each retry with exponential backoff (or gives up after 24 h) and disables a subscription
 * whose attempts failed `disableAfterFailures` times in a row. A crash between sending and recording sends again after the lease: at least once,
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
    const outcomes = claimed.map((delivery, i) => this.outcomeOf(delivery, responses[i] ?? noAnswer, now));
    const disabled = await this.db.transaction(async (tx) => {
      await this.record(tx, outcomes, now);
      return this.disableFailing(tx, [...new Set(claimed.map((d) => d.subscription_id))]);
    });
    return { attempted: claimed.length, delivered: outcomes.filter((o) => o.delivered).length, disabled };
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

  private outcomeOf(d: ClaimedDelivery, response: WebhookResponse, now: Date): Outcome {
    const attempt = d.attempts + 1;
    const delivered = isDelivered(response.statusCode);
    const next = delivered ? null : nextAttemptAt(attempt, now, d.retry_until, this.options.random);
    if (!delivered && !next) {
      this.log.warn({ deliveryId: d.id, tenantId: d.tenant_id, attempts: attempt }, 'webhook delivery gave up');
    }
    return { delivery: d, response, attempt, delivered, next };
  }

  /** Every attempt, every delivery's new state and every subscription's failure streak: three statements. */
  private async record(tx: SqlExecutor, outcomes: readonly Outcome[], now: Date): Promise<void> {
    const at = now.toISOString();
    await tx.query(
      `INSERT INTO webhook_delivery_attempts (id, tenant_id, delivery_id, attempt, status_code, error, duration_ms, attempted_at)
       SELECT a.*, $8::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::text[], $7::int[]) AS a
       ON CONFLICT (delivery_id, attempt) DO NOTHING`,
      [
        outcomes.map(() => this.newId()),
        outcomes.map((o) => o.delivery.tenant_id),
        outcomes.map((o) => o.delivery.id),
        outcomes.map((o) => o.attempt),
        outcomes.map((o) => o.response.statusCode),
        outcomes.map((o) => o.response.error),
        outcomes.map((o) => o.response.durationMs),
        at,
      ],
    );
    await tx.query(
      `UPDATE webhook_deliveries d SET
          status = CASE WHEN o.delivered THEN 'delivered' WHEN o.next_at IS NULL THEN 'failed' ELSE 'pending' END,
          attempts = o.attempt, last_status_code = o.status_code, last_error = o.error,
          delivered_at = CASE WHEN o.delivered THEN $7::timestamptz END,
          next_attempt_at = COALESCE(o.next_at, d.next_attempt_at)
        FROM unnest($1::uuid[], $2::int[], $3::bool[], $4::int[], $5::text[], $6::timestamptz[])
             AS o(id, attempt, delivered, status_code, error, next_at)
       WHERE d.id = o.id`,
      [
        outcomes.map((o) => o.delivery.id),
        outcomes.map((o) => o.attempt),
        outcomes.map((o) => o.delivered),
        outcomes.map((o) => o.response.statusCode),
        outcomes.map((o) => (o.delivered ? null : o.response.error)),
        outcomes.map((o) => o.next?.toISOString() ?? null),
        at,
      ],
    );
    const streaks = streaksOf(outcomes);
    await tx.query(
      `UPDATE webhook_subscriptions s SET
          consecutive_failures = CASE WHEN c.reset THEN c.failures ELSE s.consecutive_failures + c.failures END
        FROM unnest($1::uuid[], $2::bool[], $3::int[]) AS c(id, reset, failures) WHERE s.id = c.id`,
      [streaks.map((c) => c.id), streaks.map((c) => c.reset), streaks.map((c) => c.failures)],
    );
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
