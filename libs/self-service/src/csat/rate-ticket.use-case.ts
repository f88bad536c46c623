import { newId } from '@switchboard/ids';
import { appendToOutbox, inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type TenantDirectory } from '@switchboard/tickets';
import { findTicketByNumber, type CustomerTicket } from '../shared/customer-ticket';
import type { PortalLinks, PortalSession } from '../shared/portal-links';
import { portalTicketNotFound, SelfServiceException, SelfServiceExceptionCode } from '../shared/self-service.exception';
import { csatEvent, type Rating } from './csat-event';

export interface RatingReceipt {
  readonly ticketNumber: string;
  readonly round: number;
  readonly score: number;
}

const notOpen = (number: string): SelfServiceException =>
  new SelfServiceException(SelfServiceExceptionCode.CsatNotOpen, `${number} is not waiting for a rating.`);

/**
 * The customer's satisfaction rating of one resolution round (1–5 and a comment), from the portal or
 * a signed CSAT link: stored with round, channel, agent and team, on the ticket's history and
 * published as CsatReceived, in one transaction. A round is rated once; a reopened and re-resolved
 * ticket is a new round.
 */
export class RateTicketUseCase {
  constructor(
    private readonly db: Database,
    private readonly tenants: TenantDirectory,
    private readonly links: PortalLinks,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
  ) {}

  async withSession(session: PortalSession, number: string, rating: Rating): Promise<RatingReceipt> {
    return this.rate(session.tenantId, number, rating, (t) => t.customerId === session.customerId, null);
  }

  /** A channel that proved the customer itself (a WeChat OpenID): the rating is recorded under that channel. */
  async withCustomer(
    tenantId: string,
    customerId: string,
    number: string,
    rating: Rating,
    channel: string,
  ): Promise<RatingReceipt> {
    return this.rate(tenantId, number, rating, (t) => t.customerId === customerId, null, channel);
  }

  async withLink(token: string, rating: Rating): Promise<RatingReceipt> {
    const link = this.links.readCsatLink(token);
    const tenant = (await this.tenants.resolve(this.db, [link.tenantSlug])).get(link.tenantSlug);
    if (!tenant) throw portalTicketNotFound();
    return this.rate(tenant.id, link.number, rating, () => true, link.round);
  }

  private async rate(
    tenantId: string,
    number: string,
    rating: Rating,
    owns: (ticket: CustomerTicket) => boolean,
    round: number | null,
    channel = 'web',
  ): Promise<RatingReceipt> {
    const { receipt, rows } = await inTenant(this.db, tenantId, async (tx) => {
      const ticket = await findTicketByNumber(tx, tenantId, number);
      if (!ticket || !owns(ticket)) throw portalTicketNotFound();
      if (ticket.status !== 'resolved' || (round !== null && round !== ticket.round)) throw notOpen(ticket.number);
      if (!(await insertRating(tx, ticket, rating, channel))) throw notOpen(ticket.number);
      const event = csatEvent(ticket, rating, channel);
      await insertAuditEvents(tx, [event]);
      const written = await appendToOutbox(tx, [toOutboxEntry(event)]);
      return { receipt: { ticketNumber: ticket.number, round: ticket.round, score: rating.score }, rows: written };
    });
    this.onCommitted(rows);
    return receipt;
  }
}

async function insertRating(
  tx: SqlExecutor,
  ticket: CustomerTicket,
  rating: Rating,
  channel: string,
): Promise<boolean> {
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO csat_ratings (id, tenant_id, ticket_id, round, score, comment, channel, agent_id, team_id)
     VALUES ($1, $2, $3, $4, $5, $6, $9, $7, $8)
     ON CONFLICT (tenant_id, ticket_id, round) DO NOTHING RETURNING id`,
    [
      newId(),
      ticket.tenantId,
      ticket.id,
      ticket.round,
      rating.score,
      rating.comment,
      ticket.assigneeId,
      ticket.teamId,
      channel,
    ],
  );
  return inserted.length > 0;
}
