import { FieldsChangedSchema, create } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { appendToOutbox, inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { canSeeTicket, type LifecycleActor } from '../lifecycle/lifecycle-actor';
import { lockChangeableTicket } from '../lifecycle/lock-changeable-ticket';
import type { TicketReference } from '../lifecycle/ticket-reference';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '../shared/audit-event';
import { FieldValidator } from '../ticket-types/field-validator';
import { checkCustomerRefs, findExistingCustomers, invalidValues, missingFields } from '../ticket-types/ticket-fields';
import type { TicketType } from '../ticket-types/ticket-type';
import { findTicketType, findTicketTypeById } from '../ticket-types/ticket-type.repository';
import { fieldChanges, mergeFieldValues, type FieldChange } from './ticket-field-changes';
import { TicketFieldsException, TicketFieldsExceptionCode } from './ticket-fields.exception';
import { readTicketFields, updateTicketFields, type TicketFieldsState } from './ticket-fields.repository';
import type { TicketFieldsView, UpdateTicketFieldsCommand } from './ticket-fields.view';

interface FieldsAfter {
  readonly changes: Record<string, FieldChange>;
  readonly incomplete: boolean;
  readonly missing: string[];
}

/**
 * PUT /api/v1/tickets/:ref/fields — whoever may see a ticket sets its custom fields (and maybe its
 * type). Values are checked against the type's template and merged with the stored ones; the
 * ticket's `incomplete` flag clears once every required field has a value. A complete ticket
 * cannot lose a required value. The ticket is locked and checked like every lifecycle change:
 * archived and merged tickets are read-only.
 */
export class UpdateTicketFieldsUseCase {
  constructor(
    private readonly db: Database,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
  ) {}

  async execute(
    actor: LifecycleActor,
    ref: TicketReference,
    command: UpdateTicketFieldsCommand,
  ): Promise<TicketFieldsView> {
    const { view, rows } = await inTenant(this.db, actor.tenantId, (tx) => this.update(tx, actor, ref, command));
    this.onCommitted(rows);
    return view;
  }

  private async update(
    tx: SqlExecutor,
    actor: LifecycleActor,
    ref: TicketReference,
    command: UpdateTicketFieldsCommand,
  ): Promise<{ view: TicketFieldsView; rows: OutboxRow[] }> {
    const locked = await lockChangeableTicket(tx, actor, ref, canSeeTicket);
    const ticket = await readTicketFields(tx, actor.tenantId, locked.id);
    if (!ticket) throw new Error(`Ticket ${locked.id} vanished inside its own transaction`);
    const type = await this.typeFor(tx, actor.tenantId, ticket, command.typeKey);
    const validator = new FieldValidator(type.fieldSchema);
    const merged = mergeFieldValues(
      ticket.typeId === type.id ? ticket.fields : {},
      command.fields,
      (name) => ticket.typeId === type.id || validator.kinds.has(name),
    );
    const shape = validator.check(merged);
    const refs = validator.customerRefs(shape.values).map((r) => ({ tenantId: actor.tenantId, id: r.id }));
    const check = checkCustomerRefs(validator, actor.tenantId, shape, await findExistingCustomers(tx, refs));
    const missing = missingFields(check.errors);
    const invalid = invalidValues(check.errors);
    if (invalid.length > 0 || (missing.length > 0 && !ticket.incomplete)) {
      throw new TicketFieldsException(
        TicketFieldsExceptionCode.InvalidFields,
        'Some fields are invalid.',
        check.errors,
      );
    }
    const incomplete = missing.length > 0;
    const view: TicketFieldsView = {
      ticketId: ticket.id,
      number: ticket.number,
      ticketType: type.key,
      fields: check.values,
      incomplete,
      missingFields: missing,
    };
    const changes = fieldChanges(ticket.fields, check.values);
    if (Object.keys(changes).length === 0 && ticket.typeId === type.id && ticket.incomplete === incomplete) {
      return { view, rows: [] };
    }
    await updateTicketFields(tx, actor.tenantId, ticket.id, { typeId: type.id, fields: check.values, incomplete });
    const event = await this.fieldsChangedEvent(tx, actor, ticket, type, { changes, incomplete, missing });
    await insertAuditEvents(tx, [event]);
    return { view, rows: await appendToOutbox(tx, [toOutboxEntry(event)]) };
  }

  private async typeFor(
    tx: SqlExecutor,
    tenantId: string,
    ticket: TicketFieldsState,
    typeKey: string | undefined,
  ): Promise<TicketType> {
    if (typeKey !== undefined) {
      const type = await findTicketType(tx, tenantId, typeKey);
      if (!type?.enabled) {
        throw new TicketFieldsException(
          TicketFieldsExceptionCode.TicketTypeNotFound,
          `No enabled ticket type "${typeKey}".`,
        );
      }
      return type;
    }
    const current = ticket.typeId ? await findTicketTypeById(tx, tenantId, ticket.typeId) : undefined;
    if (!current) {
      throw new TicketFieldsException(
        TicketFieldsExceptionCode.TicketTypeRequired,
        'The ticket has no type: send typeKey.',
        [{ field: 'typeKey', reason: 'required', message: 'The ticket has no type yet.' }],
      );
    }
    return current;
  }

  private async fieldsChangedEvent(
    tx: SqlExecutor,
    actor: LifecycleActor,
    ticket: TicketFieldsState,
    type: TicketType,
    after: FieldsAfter,
  ): Promise<AuditEvent> {
    const previousKey = ticket.typeId
      ? ((await findTicketTypeById(tx, actor.tenantId, ticket.typeId))?.key ?? null)
      : null;
    const pick = (side: 'before' | 'after') =>
      Object.fromEntries(Object.entries(after.changes).map(([name, change]) => [name, change[side]]));
    return {
      id: newId(),
      tenantId: actor.tenantId,
      tenantSlug: ticket.tenantSlug,
      ticketId: ticket.id,
      type: 'fields_changed',
      actor: { kind: 'agent', id: actor.id },
      source: 'agent_api',
      occurredAt: new Date(),
      data: {
        before: { ticketType: previousKey, incomplete: ticket.incomplete, fields: pick('before') },
        after: { ticketType: type.key, incomplete: after.incomplete, fields: pick('after') },
        missingFields: after.missing,
      },
      payload: {
        case: 'fieldsChanged',
        value: create(FieldsChangedSchema, { changesJson: JSON.stringify(after.changes) }),
      },
    };
  }
}
