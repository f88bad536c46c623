import { inTenant, type Database, type SqlExecutor } from '@switchboard/persistence';
import { isTicketStatus, type TenantDirectory } from '@switchboard/tickets';
import { findCurrentVisit } from '../appointments/appointment.repository';
import type { RateTicketUseCase } from '../csat/rate-ticket.use-case';
import { STATUS_WORDS } from '../portal/status-words';
import { findTicketsOfCustomer, type CustomerTicket } from '../shared/customer-ticket';

/**
 * A customer a channel proved by itself: WeChat signs the OpenID (and UnionID) it sends, Twilio the
 * number a text or call came from.
 */
export interface ChannelCustomerRef {
  /** The tenant's slug, as InboundMessage.tenant carries it. */
  readonly tenant: string;
  readonly kind: 'wechat_openid' | 'wechat_unionid' | 'phone';
  readonly value: string;
}

export interface ChannelTicketLine {
  readonly number: string;
  readonly subject: string;
  readonly status: string;
  readonly statusText: { readonly en: string; readonly zh: string };
  readonly visitText: string | null;
}

const OPEN = (t: CustomerTicket): boolean => t.status !== 'closed' && !t.readOnly;

/**
 * Self-service for channels that know who the customer is without a code (WeChat: the platform signs
 * the OpenID): their tickets with status and visit, and the rating of the one awaiting it. Only a
 * verified identity counts, so an unverified claim never reveals a ticket.
 */
export class ChannelSelfServiceUseCase {
  constructor(
    private readonly db: Database,
    private readonly tenants: TenantDirectory,
    private readonly rating: RateTicketUseCase,
    private readonly channel: string,
  ) {}

  async ticketsOf(customer: ChannelCustomerRef, ticketNumber?: string): Promise<ChannelTicketLine[]> {
    const tenant = (await this.tenants.resolve(this.db, [customer.tenant])).get(customer.tenant);
    if (!tenant) return [];
    return inTenant(this.db, tenant.id, async (tx) => {
      const customerId = await verifiedCustomer(tx, tenant.id, customer);
      if (!customerId) return [];
      const tickets = await findTicketsOfCustomer(tx, tenant.id, customerId);
      const wanted = ticketNumber
        ? tickets.filter((t) => t.number.toUpperCase() === ticketNumber.toUpperCase())
        : tickets.filter(OPEN);
      const lines: ChannelTicketLine[] = [];
      for (const t of wanted) {
        const visit = await findCurrentVisit(tx, tenant.id, t.id);
        const words = isTicketStatus(t.status) ? STATUS_WORDS[t.status].status : { en: t.status, zh: t.status };
        lines.push({
          number: t.number,
          subject: t.subject,
          status: t.status,
          statusText: words,
          visitText: visit?.windowText ?? null,
        });
      }
      return lines;
    });
  }

  /** Rates the customer's most recently resolved ticket whose round is not rated yet; undefined if none. */
  /** `channel`: what the rating came through (stored with it); the one this use case was made for by default. */
  async rate(
    customer: ChannelCustomerRef,
    score: number,
    channel = this.channel,
  ): Promise<{ readonly ticketNumber: string; readonly score: number } | undefined> {
    const tenant = (await this.tenants.resolve(this.db, [customer.tenant])).get(customer.tenant);
    if (!tenant) return undefined;
    const target = await inTenant(this.db, tenant.id, async (tx) => {
      const customerId = await verifiedCustomer(tx, tenant.id, customer);
      if (!customerId) return undefined;
      const [row] = await tx.query<{ number: string }>(
        `SELECT t.number FROM tickets t
          WHERE t.tenant_id = $1 AND t.customer_id = $2 AND t.status = 'resolved' AND t.merged_into_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM csat_ratings r
                             WHERE r.tenant_id = t.tenant_id AND r.ticket_id = t.id AND r.round = t.reopen_count + 1)
          ORDER BY t.resolved_at DESC NULLS LAST LIMIT 1`,
        [tenant.id, customerId],
      );
      return row ? { customerId, number: row.number } : undefined;
    });
    if (!target) return undefined;
    const receipt = await this.rating.withCustomer(
      tenant.id,
      target.customerId,
      target.number,
      { score, comment: '' },
      channel,
    );
    return { ticketNumber: receipt.ticketNumber, score: receipt.score };
  }
}

async function verifiedCustomer(
  tx: SqlExecutor,
  tenantId: string,
  customer: ChannelCustomerRef,
): Promise<string | undefined> {
  const [row] = await tx.query<{ customer_id: string }>(
    `SELECT customer_id FROM customer_identities WHERE tenant_id = $1 AND kind = $2 AND value = $3 AND verified`,
    [tenantId, customer.kind, customer.value.trim()],
  );
  return row?.customer_id;
}
