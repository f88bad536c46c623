import { timestampDate, type TicketEvent } from '@switchboard/contracts';
import { newId as makeId } from '@switchboard/ids';
import type { Database } from '@switchboard/persistence';
import { RETRY_WINDOW_MS } from './webhook-backoff';
import { actorOf, webhookEventsOf, type WebhookEvent } from './webhook-events';

interface ActiveSubscription {
  id: string;
  tenant_id: string;
  slug: string;
  events: string[];
}

interface NewDelivery {
  readonly id: string;
  readonly tenantId: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly type: string;
  readonly ticketId: string;
  readonly payload: string;
}

/** The body a receiver gets (the delivery id doubles as its idempotency key). */
function payloadOf(
  id: string,
  event: TicketEvent,
  webhook: WebhookEvent,
  ticketNumber: string | null,
): Record<string, unknown> {
  return {
    id,
    event: webhook.type,
    eventId: event.eventId,
    occurredAt: event.occurredAt ? timestampDate(event.occurredAt).toISOString() : null,
    tenant: event.tenant,
    ticket: { id: event.ticketId, number: ticketNumber },
    actor: actorOf(event),
    data: webhook.data,
  };
}

/**
 * A batch of ticket events → one pending delivery per (active subscription, webhook event), in one
 * statement. The events come from the outbox, so only committed changes get here; a redelivered batch
 * inserts nothing twice (unique subscription + event + type). Deliveries are sent by
 * DispatchWebhooksUseCase, never here: a slow receiver must not hold up the consumer.
 */
export class EnqueueWebhookDeliveriesUseCase {
  constructor(
    private readonly db: Database,
    private readonly newId: () => string = makeId,
  ) {}

  async execute(events: readonly TicketEvent[], now = new Date()): Promise<number> {
    const slugs = [...new Set(events.map((e) => e.tenant))];
    if (slugs.length === 0) return 0;
    const subscriptions = await this.db.query<ActiveSubscription>(
      `SELECT s.id, s.tenant_id, t.slug, s.events FROM webhook_subscriptions s JOIN tenants t ON t.id = s.tenant_id
        WHERE t.slug = ANY($1::text[]) AND s.status = 'active'`,
      [slugs],
    );
    if (subscriptions.length === 0) return 0;
    const bySlug = new Map<string, ActiveSubscription[]>();
    for (const s of subscriptions) bySlug.set(s.slug, [...(bySlug.get(s.slug) ?? []), s]);
    const numbers = await this.ticketNumbers(events.filter((e) => bySlug.has(e.tenant)).map((e) => e.ticketId));
    const deliveries: NewDelivery[] = [];
    for (const event of events) {
      for (const webhook of webhookEventsOf(event)) {
        for (const s of bySlug.get(event.tenant) ?? []) {
          if (!s.events.includes(webhook.type)) continue;
          const id = this.newId();
          const payload = payloadOf(id, event, webhook, numbers.get(event.ticketId) ?? null);
          deliveries.push({
            id,
            tenantId: s.tenant_id,
            subscriptionId: s.id,
            eventId: event.eventId,
            type: webhook.type,
            ticketId: event.ticketId,
            payload: JSON.stringify(payload),
          });
        }
      }
    }
    return this.insert(deliveries, now);
  }

  private async ticketNumbers(ticketIds: readonly string[]): Promise<Map<string, string>> {
    if (ticketIds.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; number: string }>(
      `SELECT id, number FROM tickets WHERE id = ANY($1::uuid[])`,
      [[...new Set(ticketIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.number]));
  }

  private async insert(deliveries: readonly NewDelivery[], now: Date): Promise<number> {
    if (deliveries.length === 0) return 0;
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO webhook_deliveries
         (id, tenant_id, subscription_id, event_id, event_type, ticket_id, payload, next_attempt_at, retry_until)
       SELECT d.*, $8::timestamptz, $9::timestamptz
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::jsonb[]) AS d
       ON CONFLICT (subscription_id, event_id, event_type) DO NOTHING RETURNING id`,
      [
        deliveries.map((d) => d.id),
        deliveries.map((d) => d.tenantId),
        deliveries.map((d) => d.subscriptionId),
        deliveries.map((d) => d.eventId),
        deliveries.map((d) => d.type),
        deliveries.map((d) => d.ticketId),
        deliveries.map((d) => d.payload),
        now.toISOString(),
        new Date(now.getTime() + RETRY_WINDOW_MS).toISOString(),
      ],
    );
    return rows.length;
  }
}
