import type { SqlExecutor } from '@switchboard/persistence';

/** A ticket as the self-service domain sees it: whose it is, where to write to them, how it stands. */
export interface CustomerTicket {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly number: string;
  readonly customerId: string;
  readonly customerName: string;
  /** The customer's email address, verified ones first; empty when none is on file. */
  readonly email: string;
  readonly status: string;
  readonly subject: string;
  readonly channel: string;
  readonly language: string;
  readonly conversationKey: string;
  readonly typeKey: string | null;
  readonly teamId: string | null;
  readonly assigneeId: string | null;
  readonly resolvedAt: Date | null;
  /** 1 for the first resolution; a reopen starts the next round. */
  readonly round: number;
  readonly readOnly: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface Row {
  id: string;
  tenant_id: string;
  tenant_slug: string;
  number: string;
  customer_id: string;
  customer_name: string | null;
  email: string | null;
  status: string;
  subject: string;
  channel: string;
  language: string | null;
  conversation_key: string;
  type_key: string | null;
  team_id: string | null;
  assignee_id: string | null;
  resolved_at: Date | null;
  reopen_count: number;
  read_only: boolean;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `
  SELECT t.id, t.tenant_id, tn.slug AS tenant_slug, t.number, t.customer_id, c.name AS customer_name,
         (SELECT i.value FROM customer_identities i WHERE i.tenant_id = t.tenant_id AND i.customer_id = t.customer_id
             AND i.kind = 'email' ORDER BY i.verified DESC, i.value LIMIT 1) AS email,
         t.status, t.subject, t.channel, t.language, t.conversation_key, tt.key AS type_key, t.team_id,
         t.assignee_id, t.resolved_at, t.reopen_count, (t.archived_at IS NOT NULL OR t.merged_into_id IS NOT NULL) AS read_only,
         t.created_at, t.updated_at
    FROM tickets t
    JOIN tenants tn ON tn.id = t.tenant_id
    JOIN customers c ON c.id = t.customer_id
    LEFT JOIN ticket_types tt ON tt.id = t.type_id`;

const toTicket = (r: Row): CustomerTicket => ({
  id: r.id,
  tenantId: r.tenant_id,
  tenantSlug: r.tenant_slug,
  number: r.number,
  customerId: r.customer_id,
  customerName: r.customer_name ?? '',
  email: r.email ?? '',
  status: r.status,
  subject: r.subject,
  channel: r.channel,
  language: r.language ?? '',
  conversationKey: r.conversation_key,
  typeKey: r.type_key,
  teamId: r.team_id,
  assigneeId: r.assignee_id,
  resolvedAt: r.resolved_at,
  round: r.reopen_count + 1,
  readOnly: r.read_only,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function findTicketByNumber(
  tx: SqlExecutor,
  tenantId: string,
  number: string,
): Promise<CustomerTicket | undefined> {
  const rows = await tx.query<Row>(`${SELECT} WHERE t.tenant_id = $1 AND upper(t.number) = upper($2)`, [
    tenantId,
    number.trim(),
  ]);
  return rows[0] && toTicket(rows[0]);
}

export async function findTicketById(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
): Promise<CustomerTicket | undefined> {
  const rows = await tx.query<Row>(`${SELECT} WHERE t.tenant_id = $1 AND t.id = $2`, [tenantId, id]);
  return rows[0] && toTicket(rows[0]);
}

/** The customer's tickets, newest first (merged ones are shown through their survivor). */
export async function findTicketsOfCustomer(
  tx: SqlExecutor,
  tenantId: string,
  customerId: string,
): Promise<CustomerTicket[]> {
  const rows = await tx.query<Row>(
    `${SELECT} WHERE t.tenant_id = $1 AND t.customer_id = $2 AND t.merged_into_id IS NULL
      ORDER BY t.created_at DESC LIMIT 50`,
    [tenantId, customerId],
  );
  return rows.map(toTicket);
}
