import { newId as makeId } from '@switchboard/ids';
import { inTenant, type Database, type SqlExecutor } from '@switchboard/persistence';
import { selfServiceDataOf } from '@switchboard/self-service';
import { IntegrationsException, IntegrationsExceptionCode } from '../integrations.exception';
import { insertPersonalDataAudit } from './personal-data.repository';

export interface CustomerDataExport {
  readonly exportedAt: string;
  readonly customer: unknown;
  readonly identities: unknown[];
  readonly merges: unknown[];
  readonly tickets: unknown[];
  readonly messages: unknown[];
  readonly history: unknown[];
  readonly ratings: unknown[];
  readonly appointments: unknown[];
}

export const customerNotFound = (id: string): IntegrationsException =>
  new IntegrationsException(IntegrationsExceptionCode.CustomerNotFound, `No customer ${id}.`);

async function ticketDataOf(tx: SqlExecutor, tenantId: string, customerIds: readonly string[]) {
  const tickets = await tx.query<{ id: string }>(
    `SELECT id, number, status, priority, category, channel, subject, tier, region, language, custom_fields AS "customFields",
            tags, created_at AS "createdAt", updated_at AS "updatedAt", resolved_at AS "resolvedAt"
       FROM tickets WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) ORDER BY created_at`,
    [tenantId, customerIds],
  );
  const ticketIds = tickets.map((t) => t.id);
  // Internal notes are the tenant's own words about the customer, not the customer's data: left out.
  const messages = await tx.query(
    `SELECT id, ticket_id AS "ticketId", direction, channel, subject, body_text AS "bodyText", attachments,
            received_at AS "receivedAt"
       FROM ticket_messages WHERE tenant_id = $1 AND ticket_id = ANY($2::uuid[]) AND direction <> 'note'
      ORDER BY received_at, id`,
    [tenantId, ticketIds],
  );
  const history = await tx.query(
    `SELECT ticket_id AS "ticketId", type, actor_kind AS "actorKind", occurred_at AS "occurredAt"
       FROM ticket_events WHERE tenant_id = $1 AND ticket_id = ANY($2::uuid[]) ORDER BY occurred_at, id`,
    [tenantId, ticketIds],
  );
  return { tickets, ticketIds, messages, history };
}

/**
 * Everything Switchboard holds about one customer (and the customers merged into it), as one JSON
 * document: profile, identities, merges, tickets with their public messages and history, ratings and
 * visits. Recorded in personal_data_audit (who, when; not what) in the same transaction.
 */
export class ExportCustomerDataUseCase {
  constructor(
    private readonly db: Database,
    private readonly newId: () => string = makeId,
  ) {}

  async execute(tenantId: string, actorId: string, customerId: string): Promise<CustomerDataExport> {
    return inTenant(this.db, tenantId, async (tx) => {
      const [customer] = await tx.query(
        `SELECT c.id, c.name, c.tier, c.region, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
                CASE WHEN co.id IS NULL THEN NULL ELSE json_build_object('id', co.id, 'name', co.name,
                  'externalId', co.external_id, 'tier', co.tier, 'region', co.region) END AS company
           FROM customers c LEFT JOIN companies co ON co.id = c.company_id
          WHERE c.tenant_id = $1 AND c.id = $2`,
        [tenantId, customerId],
      );
      if (!customer) throw customerNotFound(customerId);
      const merged = await tx.query<{ id: string }>(
        `SELECT id FROM customers WHERE tenant_id = $1 AND merged_into_id = $2`,
        [tenantId, customerId],
      );
      const customerIds = [customerId, ...merged.map((m) => m.id)];
      const identities = await tx.query(
        `SELECT kind, value, verified, created_at AS "createdAt" FROM customer_identities
          WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) ORDER BY kind, value`,
        [tenantId, customerIds],
      );
      const merges = await tx.query(
        `SELECT kind, source_customer_id AS "sourceCustomerId", target_customer_id AS "targetCustomerId",
                identity_keys AS identities, created_at AS "createdAt"
           FROM customer_merges WHERE tenant_id = $1
            AND (target_customer_id = ANY($2::uuid[]) OR source_customer_id = ANY($2::uuid[])) ORDER BY created_at`,
        [tenantId, customerIds],
      );
      const { tickets, ticketIds, messages, history } = await ticketDataOf(tx, tenantId, customerIds);
      const { ratings, appointments } = await selfServiceDataOf(tx, tenantId, ticketIds);
      await insertPersonalDataAudit(tx, {
        id: this.newId(),
        tenantId,
        customerId,
        action: 'export',
        actorId,
        summary: { tickets: tickets.length, messages: messages.length },
      });
      return {
        exportedAt: new Date().toISOString(),
        customer,
        identities,
        merges,
        tickets,
        messages,
        history,
        ratings,
        appointments,
      };
    });
  }
}
