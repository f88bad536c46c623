import { inTenant, type Database, type SqlExecutor } from '@switchboard/persistence';
import { isTicketStatus } from '@switchboard/tickets';
import { findTicketByNumber, findTicketsOfCustomer, type CustomerTicket } from '../shared/customer-ticket';
import { STATUS_WORDS } from '../portal/status-words';

const NO_TICKET = {
  en: 'We found no open ticket for this phone number.',
  zh: '没有找到该电话号码的未完成工单。',
} as const;

/**
 * What a caller hears for "the status of my ticket" (the IVR's status key): their newest ticket that
 * is not closed, found by the phone number the call came from (a verified identity: the carrier put it
 * there), worded as the portal words it. The SMS/voice channel's TicketStatusLookup.
 */
export class PhoneStatusQuery {
  constructor(private readonly db: Database) {}

  async spokenStatus(tenantSlug: string, phone: string, language: string): Promise<string> {
    const zh = language.toLowerCase().startsWith('zh');
    const ticket = await this.openTicketOf(tenantSlug, phone);
    if (!ticket) return zh ? NO_TICKET.zh : NO_TICKET.en;
    const words = isTicketStatus(ticket.status) ? STATUS_WORDS[ticket.status] : undefined;
    if (!words)
      return zh ? `您的工单${ticket.number}：${ticket.status}。` : `Your ticket ${ticket.number}: ${ticket.status}.`;
    return zh
      ? `您的工单${ticket.number}：${words.status.zh}。${words.next.zh}`
      : `Your ticket ${ticket.number}: ${words.status.en}. ${words.next.en}`;
  }

  /** The ticket a text quotes, only when it is this phone's customer's (else undefined, whatever the reason). */
  async ticketOf(
    tenantSlug: string,
    phone: string,
    ticketNumber: string,
  ): Promise<{ number: string; status: string } | undefined> {
    const ticket = await this.withCustomer(tenantSlug, phone, async (tx, tenantId, customerId) => {
      const found = await findTicketByNumber(tx, tenantId, ticketNumber);
      return found?.customerId === customerId ? found : undefined;
    });
    return ticket && { number: ticket.number, status: ticket.status };
  }

  private openTicketOf(tenantSlug: string, phone: string): Promise<CustomerTicket | undefined> {
    return this.withCustomer(tenantSlug, phone, async (tx, tenantId, customerId) => {
      const tickets = await findTicketsOfCustomer(tx, tenantId, customerId);
      return tickets.find((t) => t.status !== 'closed');
    });
  }

  /** Runs fn in the tenant's scope with the customer the phone number identifies; undefined when none. */
  private async withCustomer<T>(
    tenantSlug: string,
    phone: string,
    fn: (tx: SqlExecutor, tenantId: string, customerId: string) => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const [tenant] = await this.db.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = $1`, [tenantSlug]);
    if (!tenant) return undefined;
    return inTenant(this.db, tenant.id, async (tx) => {
      const [identity] = await tx.query<{ customer_id: string }>(
        `SELECT customer_id FROM customer_identities WHERE tenant_id = $1 AND kind = 'phone' AND value = $2`,
        [tenant.id, phone],
      );
      return identity ? fn(tx, tenant.id, identity.customer_id) : undefined;
    });
  }
}
