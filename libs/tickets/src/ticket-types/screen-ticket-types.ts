import { FieldsChangedSchema, create, type ChannelName } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';
import type { AuditEvent } from '../shared/audit-event';
import { decodeCustomFields } from './custom-field-encoding';
import type { FieldCheck, FieldValues } from './field-validator';
import { TicketTypeDirectory, type CompiledTicketType } from './ticket-type-directory';
import { checkCustomerRefs, findExistingCustomers, invalidValues, withoutInvalid } from './ticket-fields';
import type { TicketFieldError } from './ticket-type';

/** What the screen needs of an inbound message. */
export interface ScreenableMessage {
  readonly messageId: string;
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly channel: ChannelName;
  readonly ticketType: string | null;
  readonly customFields: Readonly<Record<string, string>>;
  readonly receivedAt: Date;
}

/** The type and fields a new ticket gets from its first message. */
export interface TicketTyping {
  readonly typeId: string;
  readonly typeKey: string;
  readonly values: FieldValues;
  readonly incomplete: boolean;
  readonly missing: readonly string[];
  /** Values that were given but wrong, dropped (channels that cannot carry fields only). */
  readonly dropped: readonly TicketFieldError[];
}

export interface ScreenRejection<M> {
  readonly message: M;
  readonly reason: 'invalid_fields' | 'unknown_ticket_type';
  readonly detail: string;
  readonly fieldErrors: readonly TicketFieldError[];
}

export interface ScreenedBatch<M> {
  readonly accepted: M[];
  readonly rejected: ScreenRejection<M>[];
  /** By message id; applies when the message creates a ticket. */
  readonly typing: ReadonlyMap<string, TicketTyping>;
}

/** Web forms and API clients can send fields, so they must send valid ones; other channels cannot. */
const CARRIES_FIELDS: ReadonlySet<ChannelName> = new Set(['web', 'api']);

interface Evaluation<M> {
  readonly message: M;
  readonly type: CompiledTicketType;
  readonly check: FieldCheck;
}

/**
 * The ingest's ticket-type step. Before anything is written, every message naming a ticket type is
 * checked against the type's template (one type query and one customer query per batch): web/api
 * messages with an unknown type or invalid fields are rejected; other channels' messages keep what
 * is valid and their ticket is marked incomplete when required fields are missing.
 */
export class TicketTypeScreening {
  constructor(private readonly directory = new TicketTypeDirectory()) {}

  async screen<M extends ScreenableMessage>(tx: SqlExecutor, messages: readonly M[]): Promise<ScreenedBatch<M>> {
    const typed = messages.filter((m) => m.ticketType !== null);
    if (typed.length === 0) return { accepted: [...messages], rejected: [], typing: new Map() };
    const types = await this.directory.forTenants(
      tx,
      typed.map((m) => m.tenantId),
    );
    const rejected: ScreenRejection<M>[] = [];
    const evaluations: Evaluation<M>[] = [];
    for (const message of typed) {
      const type = types.get(message.tenantId)?.get(message.ticketType ?? '');
      if (type) evaluations.push(evaluate(message, type));
      else if (CARRIES_FIELDS.has(message.channel)) rejected.push(unknownType(message));
    }
    const refs = evaluations.flatMap((e) =>
      e.type.validator.customerRefs(e.check.values).map((r) => ({ tenantId: e.message.tenantId, id: r.id })),
    );
    const existing = await findExistingCustomers(tx, refs);
    const typing = new Map<string, TicketTyping>();
    for (const { message, type, check } of evaluations) {
      const checked = checkCustomerRefs(type.validator, message.tenantId, check, existing);
      if (CARRIES_FIELDS.has(message.channel) && checked.errors.length > 0) {
        rejected.push({
          message,
          reason: 'invalid_fields',
          detail: 'Some fields are invalid.',
          fieldErrors: checked.errors,
        });
      } else typing.set(message.messageId, typingOf(type, checked));
    }
    const refused = new Set(rejected.map((r) => r.message.messageId));
    return { accepted: messages.filter((m) => !refused.has(m.messageId)), rejected, typing };
  }
}

function evaluate<M extends ScreenableMessage>(message: M, type: CompiledTicketType): Evaluation<M> {
  const decoded = decodeCustomFields(type.validator, message.customFields);
  const check = type.validator.check(decoded.values);
  return { message, type, check: { values: check.values, errors: [...decoded.errors, ...check.errors] } };
}

function unknownType<M extends ScreenableMessage>(message: M): ScreenRejection<M> {
  return {
    message,
    reason: 'unknown_ticket_type',
    detail: `no enabled ticket type "${message.ticketType ?? ''}"`,
    fieldErrors: [{ field: 'ticket_type', reason: 'unknown_ticket_type', message: 'No such ticket type.' }],
  };
}

function typingOf(type: CompiledTicketType, check: FieldCheck): TicketTyping {
  const values = withoutInvalid(check.values, check.errors);
  const missing = type.validator.required.filter((name) => values[name] === undefined);
  return {
    typeId: type.type.id,
    typeKey: type.type.key,
    values,
    incomplete: missing.length > 0,
    missing,
    dropped: invalidValues(check.errors),
  };
}

/** A ticket the batch created, with where its first message came from. */
export interface CreatedTicket {
  readonly messageId: string;
  readonly ticketId: string;
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly customerId: string;
  readonly occurredAt: Date;
}

/** The tickets an ingest plan creates, in the shape applyTicketTyping reads. */
export function createdTicketsOf(
  decisions: readonly {
    readonly kind: string;
    readonly message: { readonly messageId: string; readonly tenantSlug: string; readonly receivedAt: Date };
    readonly ticket: { readonly id: string; readonly tenantId: string };
    readonly customer: { readonly id: string };
  }[],
): CreatedTicket[] {
  return decisions
    .filter((d) => d.kind === 'create')
    .map((d) => ({
      messageId: d.message.messageId,
      ticketId: d.ticket.id,
      tenantId: d.ticket.tenantId,
      tenantSlug: d.message.tenantSlug,
      customerId: d.customer.id,
      occurredAt: d.message.receivedAt,
    }));
}

/**
 * Gives the batch's new tickets their type and fields (one statement) and returns a `fields_changed`
 * audit event per typed ticket, listing the missing fields of an incomplete one.
 */
export async function applyTicketTyping(
  tx: SqlExecutor,
  created: readonly CreatedTicket[],
  typing: ReadonlyMap<string, TicketTyping>,
  newId: () => string,
): Promise<AuditEvent[]> {
  const rows = created.flatMap((c) => {
    const t = typing.get(c.messageId);
    return t ? [{ created: c, typing: t }] : [];
  });
  if (rows.length === 0) return [];
  await tx.query(
    `UPDATE tickets t SET type_id = u.type_id, custom_fields = u.fields, incomplete = u.incomplete
     FROM unnest($1::uuid[], $2::uuid[], $3::jsonb[], $4::boolean[]) AS u(id, type_id, fields, incomplete)
     WHERE t.id = u.id`,
    [
      rows.map((r) => r.created.ticketId),
      rows.map((r) => r.typing.typeId),
      rows.map((r) => JSON.stringify(r.typing.values)),
      rows.map((r) => r.typing.incomplete),
    ],
  );
  return rows.map(({ created, typing: t }) => typingEvent(created, t, newId()));
}

function typingEvent(created: CreatedTicket, t: TicketTyping, id: string): AuditEvent {
  const changes = Object.fromEntries(Object.entries(t.values).map(([name, v]) => [name, { before: null, after: v }]));
  return {
    id,
    tenantId: created.tenantId,
    tenantSlug: created.tenantSlug,
    ticketId: created.ticketId,
    type: 'fields_changed',
    actor: { kind: 'customer', id: created.customerId },
    source: 'channel',
    occurredAt: created.occurredAt,
    data: {
      before: { ticketType: null, incomplete: false, fields: {} },
      after: { ticketType: t.typeKey, incomplete: t.incomplete, fields: t.values },
      missingFields: t.missing,
      ...(t.dropped.length > 0 ? { droppedFields: t.dropped } : {}),
    },
    payload: { case: 'fieldsChanged', value: create(FieldsChangedSchema, { changesJson: JSON.stringify(changes) }) },
  };
}
