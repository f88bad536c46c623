import { customerVisibleMessagesSql, type CustomerVisibleDirection } from '@switchboard/auth';
import { displayText } from '@switchboard/contracts';
import { inTenant, type Database, type SqlExecutor } from '@switchboard/persistence';
import { isTicketStatus } from '@switchboard/tickets';
import { findTicketByNumber, findTicketsOfCustomer, type CustomerTicket } from '../shared/customer-ticket';
import type { PortalSession } from '../shared/portal-links';
import { portalAttachmentNotFound, portalTicketNotFound } from '../shared/self-service.exception';
import { findCurrentVisit } from '../appointments/appointment.repository';
import type { PortalAttachmentRef, PortalMessage, PortalTicketSummary, PortalTicketView } from './portal-views';
import { STATUS_WORDS, type Words } from './status-words';

interface StoredAttachmentJson {
  name?: string;
  contentType?: string;
  sizeBytes?: number;
  storageRef?: string;
}

interface MessageRow {
  id: string;
  direction: CustomerVisibleDirection;
  channel: string;
  body_text: string;
  attachments: StoredAttachmentJson[];
  received_at: Date;
}

const wordsOf = (status: string): { status: Words; next: Words } =>
  isTicketStatus(status) ? STATUS_WORDS[status] : { status: { en: status, zh: status }, next: { en: '', zh: '' } };

/** Names and subjects as sent, shown without bidi overrides and other hidden characters. */
const shown = (text: string): string => displayText(text).text;

const summaryOf = (t: CustomerTicket): PortalTicketSummary => ({
  number: t.number,
  subject: shown(t.subject),
  status: t.status,
  statusText: wordsOf(t.status).status,
  updatedAt: t.updatedAt.toISOString(),
});

/** The customer's side of their tickets: never internal notes, never another customer's ticket. */
export class PortalQuery {
  constructor(private readonly db: Database) {}

  async list(session: PortalSession): Promise<PortalTicketSummary[]> {
    const tickets = await inTenant(this.db, session.tenantId, (tx) =>
      findTicketsOfCustomer(tx, session.tenantId, session.customerId),
    );
    return tickets.map(summaryOf);
  }

  async view(session: PortalSession, number: string): Promise<PortalTicketView> {
    return inTenant(this.db, session.tenantId, async (tx) => {
      const ticket = await findTicketByNumber(tx, session.tenantId, number);
      if (!ticket || ticket.customerId !== session.customerId) throw portalTicketNotFound();
      const [messages, visit, rated] = [
        await publicMessages(tx, ticket),
        await findCurrentVisit(tx, ticket.tenantId, ticket.id),
        await ratedScore(tx, ticket),
      ];
      return {
        ...summaryOf(ticket),
        nextStep: wordsOf(ticket.status).next,
        canReply: !ticket.readOnly,
        messages,
        visit,
        csat: { open: ticket.status === 'resolved' && rated === null, round: ticket.round, score: rated },
      };
    });
  }

  /** One attachment of a message the customer can see on their ticket (the same filter as the view). */
  async attachment(
    session: PortalSession,
    number: string,
    messageId: string,
    index: number,
  ): Promise<PortalAttachmentRef> {
    return inTenant(this.db, session.tenantId, async (tx) => {
      const ticket = await findTicketByNumber(tx, session.tenantId, number);
      if (!ticket || ticket.customerId !== session.customerId) throw portalTicketNotFound();
      const [row] = await tx.query<{ attachment: StoredAttachmentJson | null }>(
        `SELECT m.attachments->$4::int AS attachment
           FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
          WHERE m.tenant_id = $1 AND (t.id = $2 OR t.merged_into_id = $2) AND m.id = $3
            AND ${customerVisibleMessagesSql('m.direction')}`,
        [ticket.tenantId, ticket.id, messageId, index],
      );
      const stored = row?.attachment;
      if (!stored?.storageRef) throw portalAttachmentNotFound();
      return {
        name: shown(stored.name ?? '') || 'attachment',
        contentType: stored.contentType ?? '',
        storageRef: stored.storageRef,
      };
    });
  }
}

async function publicMessages(tx: SqlExecutor, ticket: CustomerTicket): Promise<PortalMessage[]> {
  const rows = await tx.query<MessageRow>(
    `SELECT m.id, m.direction, m.channel, m.body_text, m.attachments, m.received_at
       FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
      WHERE m.tenant_id = $1 AND (t.id = $2 OR t.merged_into_id = $2) AND ${customerVisibleMessagesSql('m.direction')}
      ORDER BY m.received_at, m.id`,
    [ticket.tenantId, ticket.id],
  );
  return rows.map((r) => ({
    id: r.id,
    from: r.direction === 'inbound' ? 'customer' : 'agent',
    channel: r.channel,
    bodyText: r.body_text,
    at: r.received_at.toISOString(),
    attachments: r.attachments.map((a) => ({
      name: shown(a.name ?? ''),
      contentType: a.contentType ?? '',
      sizeBytes: a.sizeBytes ?? 0,
    })),
  }));
}

async function ratedScore(tx: SqlExecutor, ticket: CustomerTicket): Promise<number | null> {
  const [row] = await tx.query<{ score: number }>(
    `SELECT score FROM csat_ratings WHERE tenant_id = $1 AND ticket_id = $2 AND round = $3`,
    [ticket.tenantId, ticket.id, ticket.round],
  );
  return row ? row.score : null;
}
