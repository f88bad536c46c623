import { newId } from '@switchboard/ids';
import { appendToOutbox, inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import type { TenantDirectory } from '@switchboard/tickets';
import { customerMailEntry } from '../shared/customer-mail';
import { findTicketByNumber, type CustomerTicket } from '../shared/customer-ticket';
import { codeMail, languageOf } from '../shared/customer-wording';
import type { PortalLinks } from '../shared/portal-links';
import { lookupFailed } from '../shared/self-service.exception';
import { CODE_TTL_MS, CODES_PER_CONTACT, hashLookupCode, newLookupCode, sameHash } from './lookup-code';

export interface PortalEntry {
  /** The portal session token (bearer) for the customer's later requests. */
  readonly session: string;
  readonly ticketNumber: string;
  readonly tenant: string;
}

/**
 * A customer proves who they are with the ticket number and a one-time code mailed to the address on
 * file, or with a signed link. Asking for a code answers the same whether the ticket exists or not;
 * a wrong number and a wrong code fail alike (`lookup_failed`). Codes are single-use and expire after
 * 10 minutes; only their hash is stored. Requests are also rate-limited per ticket number and address
 * at the HTTP edge.
 */
export class LookupUseCase {
  constructor(
    private readonly db: Database,
    private readonly tenants: TenantDirectory,
    private readonly links: PortalLinks,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
  ) {}

  async requestCode(tenantSlug: string, number: string): Promise<void> {
    const tenant = (await this.tenants.resolve(this.db, [tenantSlug])).get(tenantSlug);
    if (!tenant) return;
    const rows = await inTenant(this.db, tenant.id, async (tx) => {
      const ticket = await findTicketByNumber(tx, tenant.id, number);
      if (!ticket || ticket.email === '' || !(await this.contactMayReceive(tx, ticket))) return [];
      const code = newLookupCode();
      await tx.query(
        `INSERT INTO portal_lookup_codes (id, tenant_id, ticket_id, customer_id, code_hash, contact, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          newId(),
          tenant.id,
          ticket.id,
          ticket.customerId,
          hashLookupCode(ticket.id, code),
          ticket.email.toLowerCase(),
          new Date(Date.now() + CODE_TTL_MS).toISOString(),
        ],
      );
      return appendToOutbox(tx, [
        customerMailEntry(ticket, newId(), codeMail(languageOf(ticket.language), ticket.number, code)),
      ]);
    });
    this.onCommitted(rows);
  }

  async verifyCode(tenantSlug: string, number: string, code: string): Promise<PortalEntry> {
    const tenant = (await this.tenants.resolve(this.db, [tenantSlug])).get(tenantSlug);
    if (!tenant) throw lookupFailed();
    const ticket = await inTenant(this.db, tenant.id, async (tx) => {
      const found = await findTicketByNumber(tx, tenant.id, number);
      return found && (await this.consume(tx, found, code)) ? found : undefined;
    });
    if (!ticket) throw lookupFailed();
    return this.entryFor(ticket, true);
  }

  /** A signed link from the acknowledgement mail or the thank-you page. */
  async openLink(token: string): Promise<PortalEntry> {
    const target = this.links.readLookupLink(token);
    const tenant = (await this.tenants.resolve(this.db, [target.tenantSlug])).get(target.tenantSlug);
    if (!tenant) throw lookupFailed();
    const ticket = await inTenant(this.db, tenant.id, (tx) => findTicketByNumber(tx, tenant.id, target.number));
    if (!ticket) throw lookupFailed();
    return this.entryFor(ticket, false);
  }

  private entryFor(ticket: CustomerTicket, verified: boolean): PortalEntry {
    const session = this.links.issueSession({
      tenantId: ticket.tenantId,
      tenantSlug: ticket.tenantSlug,
      customerId: ticket.customerId,
      verified,
    });
    return { session, ticketNumber: ticket.number, tenant: ticket.tenantSlug };
  }

  private async contactMayReceive(tx: SqlExecutor, ticket: CustomerTicket): Promise<boolean> {
    const [row] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM portal_lookup_codes
        WHERE tenant_id = $1 AND contact = $2 AND created_at > now() - make_interval(secs => $3)`,
      [ticket.tenantId, ticket.email.toLowerCase(), CODE_TTL_MS / 1000],
    );
    return (row?.n ?? 0) < CODES_PER_CONTACT;
  }

  /** Marks the matching live code used; false when none matches (wrong, used or expired). */
  private async consume(tx: SqlExecutor, ticket: CustomerTicket, code: string): Promise<boolean> {
    const live = await tx.query<{ id: string; code_hash: string }>(
      `SELECT id, code_hash FROM portal_lookup_codes
        WHERE tenant_id = $1 AND ticket_id = $2 AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
      [ticket.tenantId, ticket.id],
    );
    const hash = hashLookupCode(ticket.id, code);
    const match = live.find((row) => sameHash(row.code_hash, hash));
    if (!match) return false;
    await tx.query(`UPDATE portal_lookup_codes SET used_at = now() WHERE tenant_id = $1 AND id = $2`, [
      ticket.tenantId,
      match.id,
    ]);
    return true;
  }
}
