import { inTenant, type Database } from '@switchboard/persistence';
import { IntegrationsException, IntegrationsExceptionCode } from '../integrations.exception';
import { crmChannelMessageId } from './create-api-ticket.use-case';

interface TicketStatusRow {
  id: string;
  number: string;
  status: string;
  priority: string;
  team_id: string | null;
  assignee_id: string | null;
  created_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
}

export interface ExternalTicketStatusView {
  readonly id: string;
  readonly number: string;
  readonly status: string;
  readonly priority: string;
  readonly teamId: string | null;
  readonly assigneeId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly resolvedAt: string | null;
}

export interface ExternalCustomerStatusView {
  readonly customerId: string;
  readonly externalId: string;
  readonly tier: string | null;
  readonly region: string | null;
  readonly tickets: readonly ExternalTicketStatusView[];
}

const toView = (r: TicketStatusRow): ExternalTicketStatusView => ({
  id: r.id,
  number: r.number,
  status: r.status,
  priority: r.priority,
  teamId: r.team_id,
  assigneeId: r.assignee_id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  resolvedAt: r.resolved_at?.toISOString() ?? null,
});

const TICKET_COLUMNS = `t.id, t.number, t.status, t.priority, t.team_id, t.assignee_id, t.created_at, t.updated_at, t.resolved_at`;

/** Status by the CRM's ids: a ticket by the external ticket id it was created with, a customer's tickets. */
export class ExternalStatusQuery {
  constructor(private readonly db: Database) {}

  async ticket(tenantId: string, externalTicketId: string): Promise<ExternalTicketStatusView> {
    const [row] = await inTenant(this.db, tenantId, (tx) =>
      tx.query<TicketStatusRow>(
        `SELECT ${TICKET_COLUMNS} FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
          WHERE m.tenant_id = $1 AND m.channel = 'api' AND m.channel_message_id = $2`,
        [tenantId, crmChannelMessageId(externalTicketId)],
      ),
    );
    if (!row) {
      throw new IntegrationsException(
        IntegrationsExceptionCode.ExternalIdNotFound,
        `No ticket with external id ${externalTicketId} (yet: a ticket just accepted appears once it is ingested).`,
      );
    }
    return toView(row);
  }

  async customer(tenantId: string, externalCustomerId: string): Promise<ExternalCustomerStatusView> {
    return inTenant(this.db, tenantId, async (tx) => {
      const [customer] = await tx.query<{ id: string; tier: string | null; region: string | null }>(
        `SELECT c.id, COALESCE(c.tier, co.tier) AS tier, c.region FROM customer_identities i
           JOIN customers c ON c.id = i.customer_id LEFT JOIN companies co ON co.id = c.company_id
          WHERE i.tenant_id = $1 AND i.kind = 'external' AND i.value = $2`,
        [tenantId, externalCustomerId],
      );
      if (!customer) {
        throw new IntegrationsException(
          IntegrationsExceptionCode.ExternalIdNotFound,
          `No customer with external id ${externalCustomerId}.`,
        );
      }
      const tickets = await tx.query<TicketStatusRow>(
        `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.tenant_id = $1 AND t.customer_id = $2
          ORDER BY t.created_at DESC LIMIT 100`,
        [tenantId, customer.id],
      );
      return {
        customerId: customer.id,
        externalId: externalCustomerId,
        tier: customer.tier,
        region: customer.region,
        tickets: tickets.map(toView),
      };
    });
  }
}
