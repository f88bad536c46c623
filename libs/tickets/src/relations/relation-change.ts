import type { TicketEvent } from '@switchboard/contracts';
import { appendToOutbox, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '../shared/audit-event';
import type { TenantOfChange } from './locked-tickets.repository';

/** Who changes tickets through the agent API, in which tenant, and when. */
export interface ChangeContext {
  readonly tenant: TenantOfChange;
  readonly agentId: string;
  readonly occurredAt: Date;
  readonly newId: () => string;
}

/** One audit event of an agent's change, made through the agent API. */
export function agentEvent(
  ctx: ChangeContext,
  ticketId: string,
  type: string,
  data: Readonly<Record<string, unknown>>,
  payload: TicketEvent['payload'],
): AuditEvent {
  return {
    id: ctx.newId(),
    tenantId: ctx.tenant.id,
    tenantSlug: ctx.tenant.slug,
    ticketId,
    type,
    actor: { kind: 'agent', id: ctx.agentId },
    source: 'agent_api',
    data,
    occurredAt: ctx.occurredAt,
    payload,
  };
}

/** Writes the audit rows and their outbox rows in the caller's transaction; hand the rows to onCommitted after commit. */
export async function recordEvents(tx: SqlExecutor, events: readonly AuditEvent[]): Promise<OutboxRow[]> {
  await insertAuditEvents(tx, events);
  return appendToOutbox(tx, events.map(toOutboxEntry));
}
