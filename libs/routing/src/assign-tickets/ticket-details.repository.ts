import type { SqlExecutor } from '@switchboard/persistence';
import { BODY_FACT_LIMIT, type RoutableTicket } from '../rules/routing-rule';

type TicketDetails = Pick<RoutableTicket, 'body' | 'customFields' | 'companyId' | 'ticketType'>;

interface DetailsRow {
  id: string;
  body: string | null;
  custom_fields: Record<string, unknown> | null;
  company_id: string | null;
  ticket_type: string | null;
}

/**
 * The facts rules may read that the TicketCreated event does not carry: the first message's text
 * (cut to BODY_FACT_LIMIT), the template fields, the customer's company and the ticket type. One
 * query per batch, and only for tenants whose rules read them.
 */
export async function findTicketDetails(
  db: SqlExecutor,
  ticketIds: readonly string[],
): Promise<Map<string, TicketDetails>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db.query<DetailsRow>(
    `SELECT t.id, t.custom_fields, c.company_id, tt.key AS ticket_type,
            (SELECT left(m.body_text, $2) FROM ticket_messages m
              WHERE m.ticket_id = t.id ORDER BY m.received_at, m.id LIMIT 1) AS body
       FROM tickets t
       JOIN customers c ON c.id = t.customer_id
       LEFT JOIN ticket_types tt ON tt.id = t.type_id
      WHERE t.id = ANY($1::uuid[])`,
    [[...ticketIds], BODY_FACT_LIMIT],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        ...(row.body !== null ? { body: row.body } : {}),
        ...(row.custom_fields ? { customFields: row.custom_fields } : {}),
        ...(row.company_id ? { companyId: row.company_id } : {}),
        ...(row.ticket_type ? { ticketType: row.ticket_type } : {}),
      },
    ]),
  );
}
