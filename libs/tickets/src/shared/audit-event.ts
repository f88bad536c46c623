import {
  Actor_Kind,
  ActorSchema,
  Headers,
  Topics,
  TicketEventSchema,
  create,
  encodeTicketEvent,
  timestampFromDate,
  type TicketEvent,
} from '@switchboard/contracts';
import type { OutboxEntry, SqlExecutor } from '@switchboard/persistence';

export type ActorKind = 'system' | 'customer' | 'agent' | 'rule' | 'api_client';

const actorKinds: Record<ActorKind, Actor_Kind> = {
  system: Actor_Kind.SYSTEM,
  customer: Actor_Kind.CUSTOMER,
  agent: Actor_Kind.AGENT,
  rule: Actor_Kind.RULE,
  api_client: Actor_Kind.API_CLIENT,
};

/** Where a change came in: the pipeline, an agent's request, a rule, a scheduled job, an API client. */
export type AuditSource = 'system' | 'channel' | 'agent_api' | 'routing' | 'scheduler' | 'api' | 'portal';

/** One change to a ticket: an append-only audit row and the event published from the outbox. */
export interface AuditEvent {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly ticketId: string;
  readonly type: string;
  readonly actor: { readonly kind: ActorKind; readonly id: string | null };
  readonly data: Readonly<Record<string, unknown>>;
  /** Defaults to 'system'. */
  readonly source?: AuditSource;
  readonly occurredAt: Date;
  readonly payload: TicketEvent['payload'];
}

export function toTicketEvent(e: AuditEvent): TicketEvent {
  return create(TicketEventSchema, {
    eventId: e.id,
    tenant: e.tenantSlug,
    ticketId: e.ticketId,
    occurredAt: timestampFromDate(e.occurredAt),
    actor: create(ActorSchema, { kind: actorKinds[e.actor.kind], id: e.actor.id ?? '' }),
    payload: e.payload,
  });
}

export function toOutboxEntry(e: AuditEvent): OutboxEntry {
  return {
    tenantId: e.tenantId,
    topic: Topics.ticketEvents,
    key: e.ticketId,
    payload: encodeTicketEvent(toTicketEvent(e)),
    headers: { [Headers.tenantId]: e.tenantId, [Headers.messageType]: e.type },
  };
}

/** Writes the audit rows of many events in one statement, in the caller's transaction. */
export async function insertAuditEvents(tx: SqlExecutor, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO ticket_events (id, tenant_id, ticket_id, type, actor_kind, actor_id, data, occurred_at, source)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                          $8::timestamptz[], $9::text[])`,
    [
      events.map((e) => e.id),
      events.map((e) => e.tenantId),
      events.map((e) => e.ticketId),
      events.map((e) => e.type),
      events.map((e) => e.actor.kind),
      events.map((e) => e.actor.id),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => e.occurredAt.toISOString()),
      events.map((e) => e.source ?? 'system'),
    ],
  );
}
