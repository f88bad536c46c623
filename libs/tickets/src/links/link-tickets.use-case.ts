import { newId as makeId } from '@switchboard/ids';
import { inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import type { LockedTicket } from '../lifecycle/locked-ticket';
import { findTenantOfChange, lockTickets } from '../relations/locked-tickets.repository';
import { requireActive, requireTicket } from '../relations/relation-rules';
import { recordEvents } from '../relations/relation-change';
import { TicketRelationException, TicketRelationExceptionCode } from '../relations/ticket-relation.exception';
import { linkEvents } from './link-events';
import { linkPair, parentAndChild } from './link-kinds';
import type { LinkTicketsCommand } from './link-tickets.command';
import {
  deleteLinks,
  findLinks,
  insertLinks,
  isSelfOrDescendant,
  type LinkedTicketRow,
} from './ticket-links.repository';

/**
 * Parent/child and related links, always stored in both directions, each change audited on both
 * tickets. Parent/child links form a tree without cycles: a ticket is never its own ancestor.
 */
export class LinkTicketsUseCase {
  constructor(
    private readonly db: Database,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
    private readonly newId: () => string = makeId,
  ) {}

  async link(command: LinkTicketsCommand): Promise<LinkedTicketRow[]> {
    return this.change(command, async (tx, ticket, other) => {
      requireActive(ticket);
      requireActive(other);
      await this.refuseCycle(tx, command);
      const inserted = await insertLinks(tx, command.tenantId, linkPair(ticket.id, other.id, command.kind));
      if (inserted === 0) {
        throw new TicketRelationException(
          TicketRelationExceptionCode.LinkExists,
          `Ticket ${ticket.number} is already ${command.kind} of ${other.number}.`,
        );
      }
      return false;
    });
  }

  async unlink(command: LinkTicketsCommand): Promise<LinkedTicketRow[]> {
    return this.change(command, async (tx, ticket, other) => {
      const deleted = await deleteLinks(tx, command.tenantId, linkPair(ticket.id, other.id, command.kind));
      if (deleted === 0) {
        throw new TicketRelationException(
          TicketRelationExceptionCode.LinkNotFound,
          `Ticket ${ticket.number} is not ${command.kind} of ${other.number}.`,
        );
      }
      return true;
    });
  }

  async list(tenantId: string, ticketId: string): Promise<LinkedTicketRow[]> {
    return inTenant(this.db, tenantId, (tx) => findLinks(tx, tenantId, ticketId));
  }

  /** Locks both tickets, applies the write (which says whether it removed), audits it on both, commits. */
  private async change(
    command: LinkTicketsCommand,
    write: (tx: SqlExecutor, ticket: LockedTicket, other: LockedTicket) => Promise<boolean>,
  ): Promise<LinkedTicketRow[]> {
    const { tenantId, ticketId, otherTicketId } = command;
    if (ticketId === otherTicketId) {
      throw new TicketRelationException(TicketRelationExceptionCode.LinkToItself, 'A ticket cannot link to itself.');
    }
    const { links, rows } = await inTenant(this.db, tenantId, async (tx) => {
      const locked = await lockTickets(tx, tenantId, [ticketId, otherTicketId]);
      const ticket = requireTicket(locked, ticketId);
      const other = requireTicket(locked, otherTicketId);
      const removed = await write(tx, ticket, other);
      const ctx = {
        tenant: await findTenantOfChange(tx, tenantId),
        agentId: command.agentId,
        occurredAt: new Date(),
        newId: this.newId,
      };
      const outboxRows = await recordEvents(tx, linkEvents(ctx, ticket, other, command.kind, removed));
      return { links: await findLinks(tx, tenantId, ticketId), rows: outboxRows };
    });
    this.onCommitted(rows);
    return links;
  }

  private async refuseCycle(tx: SqlExecutor, command: LinkTicketsCommand): Promise<void> {
    if (command.kind === 'related') return;
    const { parentId, childId } = parentAndChild(command.ticketId, command.otherTicketId, command.kind);
    if (await isSelfOrDescendant(tx, command.tenantId, childId, parentId)) {
      throw new TicketRelationException(
        TicketRelationExceptionCode.LinkCycle,
        'This link would make a ticket its own ancestor.',
      );
    }
  }
}
