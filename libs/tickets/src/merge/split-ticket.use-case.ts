import type { CapacityStore } from '@switchboard/coordination';
import { newId as makeId } from '@switchboard/ids';
import { inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { allocateTicketNumbers } from '../ingest-inbound-messages/ingest.repository';
import { linkPair } from '../links/link-kinds';
import { insertLinks } from '../links/ticket-links.repository';
import { findTenantOfChange, lockTickets } from '../relations/locked-tickets.repository';
import { countsTowardLoad, requireActive, requireTicket } from '../relations/relation-rules';
import { touchTicket } from './merge.repository';
import { recordEvents } from '../relations/relation-change';
import { splitEvents } from './split-events';
import { planSplit } from './split-rules';
import type { SplitTicketCommand, SplitTicketResult } from './split-ticket.command';
import { findMessageIds, insertSplitTicket, moveMessages } from './split.repository';

interface SplitWrite {
  readonly result: SplitTicketResult;
  readonly rows: OutboxRow[];
  readonly countedAgentId: string | null;
  readonly channel: string;
}

// The split ticket's work already sat with its agent; counting it must not be refused for lack of room.

/**
 * Splits messages off a ticket into a new numbered ticket with the same customer, team, agent,
 * priority, category and type, linked split_into / split_from, in one transaction.
 */
export class SplitTicketUseCase {
  constructor(
    private readonly db: Database,
    private readonly capacity: CapacityStore,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
    private readonly newId: () => string = makeId,
  ) {}

  async execute(command: SplitTicketCommand): Promise<SplitTicketResult> {
    const write = await inTenant(this.db, command.tenantId, (tx) => this.split(tx, command));
    this.onCommitted(write.rows);
    if (write.countedAgentId) {
      await this.capacity.add([{ tenantId: command.tenantId, agentId: write.countedAgentId, channel: write.channel }]);
    }
    return write.result;
  }

  private async split(tx: SqlExecutor, command: SplitTicketCommand): Promise<SplitWrite> {
    const { tenantId, ticketId } = command;
    const original = requireActive(requireTicket(await lockTickets(tx, tenantId, [ticketId]), ticketId));
    const onTicket = await findMessageIds(tx, tenantId, ticketId);
    const movedMessageIds = planSplit(onTicket, command.messageIds);
    const tenant = await findTenantOfChange(tx, tenantId);
    const [number] = await allocateTicketNumbers(tx, tenantId, tenant.ticketPrefix, 1);
    if (!number) throw new Error('The ticket number sequence returned nothing');
    const created = await insertSplitTicket(tx, tenantId, ticketId, {
      id: this.newId(),
      number,
      subject: command.subject,
    });
    await moveMessages(tx, tenantId, movedMessageIds, ticketId, created.id);
    await insertLinks(tx, tenantId, linkPair(created.id, ticketId, 'split_from'));
    await touchTicket(tx, tenantId, ticketId);
    const ctx = { tenant, agentId: command.agentId, occurredAt: new Date(), newId: this.newId };
    const events = splitEvents(ctx, { original, created, movedMessageIds, originalMessagesBefore: onTicket.length });
    return {
      result: { ticketId, newTicketId: created.id, newTicketNumber: created.number, movedMessageIds },
      rows: await recordEvents(tx, events),
      countedAgentId: countsTowardLoad(created) ? created.assigneeId : null,
      channel: original.channel,
    };
  }
}
