import { FieldsChangedSchema, create } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { appendToOutbox, inTenant, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import {
  FieldValidator,
  checkCustomerRefs,
  findExistingCustomers,
  findTicketType,
  findTicketTypeById,
  insertAuditEvents,
  invalidValues,
  missingFields,
  toOutboxEntry,
  type AuditEvent,
  type TicketType,
} from '@switchboard/tickets';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import type { Agent } from '../agents/agent.repository';
import type { GetTicketParams } from '../tickets/get-ticket/get-ticket.query';
import { TicketReadRepository } from '../tickets/ticket-read.repository';
import type { TicketRoutesDeps } from '../tickets/ticket-routes.deps';
import { ticketVisibilityOf } from '../tickets/ticket-visibility';
import { fieldChanges, mergeFieldValues } from './ticket-field-changes';
import { readTicketFields, updateTicketFields, type TicketFieldsState } from './ticket-fields.repository';
import type { UpdateTicketFieldsCommand } from './ticket-type.dto';
import { TicketTypeException, TicketTypeExceptionCode } from './ticket-type.exception';
import type { TicketFieldsView } from './ticket-type.view';

/**
 * PUT /api/v1/tickets/:ref/fields — whoever may see a ticket sets its custom fields (and maybe its
 * type). Values are checked against the type's template and merged with the stored ones; the
 * ticket's `incomplete` flag clears once every required field has a value. A complete ticket
 * cannot lose a required value.
 */
export class UpdateTicketFieldsUseCase {
  constructor(private readonly deps: Pick<TicketRoutesDeps, 'db' | 'onCommitted'>) {}

  async execute(caller: Agent, params: GetTicketParams, command: UpdateTicketFieldsCommand): Promise<TicketFieldsView> {
    const { view, rows } = await inTenant(this.deps.db, caller.tenantId, (tx) =>
      this.update(tx, caller, params, command),
    );
    this.deps.onCommitted(rows);
    return view;
  }

  private async update(
    tx: SqlExecutor,
    caller: Agent,
    params: GetTicketParams,
    command: UpdateTicketFieldsCommand,
  ): Promise<{ view: TicketFieldsView; rows: OutboxRow[] }> {
    const visible = await new TicketReadRepository(tx).findTicket(
      caller.tenantId,
      params.ref,
      ticketVisibilityOf(caller),
    );
    const ticket = visible ? await readTicketFields(tx, caller.tenantId, visible.id, true) : undefined;
    if (!ticket) throw new AgentApiException(AgentApiExceptionCode.TicketNotFound, 'No such ticket.');
    const type = await this.typeFor(tx, caller.tenantId, ticket, command.typeKey);
    const validator = new FieldValidator(type.fieldSchema);
    const merged = mergeFieldValues(
      ticket.typeId === type.id ? ticket.fields : {},
      command.fields,
      (name) => ticket.typeId === type.id || validator.kinds.has(name),
    );
    const shape = validator.check(merged);
    const refs = validator.customerRefs(shape.values).map((r) => ({ tenantId: caller.tenantId, id: r.id }));
    const check = checkCustomerRefs(validator, caller.tenantId, shape, await findExistingCustomers(tx, refs));
    const missing = missingFields(check.errors);
    const invalid = invalidValues(check.errors);
    if (invalid.length > 0 || (missing.length > 0 && !ticket.incomplete)) {
      throw new TicketTypeException(TicketTypeExceptionCode.InvalidFields, 'Some fields are invalid.', check.errors);
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
    await updateTicketFields(tx, caller.tenantId, ticket.id, { typeId: type.id, fields: check.values, incomplete });
    const event = await this.fieldsChangedEvent(tx, caller, ticket, type, { changes, incomplete, missing });
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
        throw new TicketTypeException(
          TicketTypeExceptionCode.TicketTypeNotFound,
          `No enabled ticket type "${typeKey}".`,
        );
      }
      return type;
    }
    const current = ticket.typeId ? await findTicketTypeById(tx, tenantId, ticket.typeId) : undefined;
    if (!current) {
      throw new TicketTypeException(
        TicketTypeExceptionCode.TicketTypeRequired,
        'The ticket has no type: send typeKey.',
        [{ field: 'typeKey', reason: 'required', message: 'The ticket has no type yet.' }],
      );
    }
    return current;
  }

  private async fieldsChangedEvent(
    tx: SqlExecutor,
    caller: Agent,
    ticket: TicketFieldsState,
    type: TicketType,
    after: { changes: Record<string, { before: unknown; after: unknown }>; incomplete: boolean; missing: string[] },
  ): Promise<AuditEvent> {
    const previousKey = ticket.typeId
      ? ((await findTicketTypeById(tx, caller.tenantId, ticket.typeId))?.key ?? null)
      : null;
    const pick = (side: 'before' | 'after') =>
      Object.fromEntries(Object.entries(after.changes).map(([name, change]) => [name, change[side]]));
    return {
      id: newId(),
      tenantId: caller.tenantId,
      tenantSlug: ticket.tenantSlug,
      ticketId: ticket.id,
      type: 'fields_changed',
      actor: { kind: 'agent', id: caller.id },
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
