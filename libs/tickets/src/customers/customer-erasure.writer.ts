import type { SqlExecutor } from '@switchboard/persistence';

/** What replaces erased text. */
export const ERASED = '[erased]';

/** Everything of the ticket domain that names a customer or carries their words. */
export interface CustomerPersonalData {
  /** The customer and the customers merged into it. */
  readonly customerIds: readonly string[];
  readonly ticketIds: readonly string[];
  readonly ticketNumbers: readonly string[];
  /** Names, identity values, subjects and message texts: the strings an erasure must leave nowhere. */
  readonly values: readonly string[];
  readonly emails: readonly string[];
  /** Blob store references of the messages' attachments and of attachment custom fields. */
  readonly storageRefs: readonly string[];
}

/** Reads, in the caller's transaction, what an erasure removes (and the export shows). */
export async function collectCustomerPersonalData(
  tx: SqlExecutor,
  tenantId: string,
  customerId: string,
): Promise<CustomerPersonalData> {
  const customers = await tx.query<{ id: string; name: string | null }>(
    `SELECT id, name FROM customers WHERE tenant_id = $1 AND (id = $2 OR merged_into_id = $2) FOR UPDATE`,
    [tenantId, customerId],
  );
  const customerIds = customers.map((c) => c.id);
  const identities = await tx.query<{ kind: string; value: string }>(
    `SELECT kind, value FROM customer_identities WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])`,
    [tenantId, customerIds],
  );
  const tickets = await tx.query<{ id: string; number: string; subject: string }>(
    `SELECT id, number, subject FROM tickets WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) FOR UPDATE`,
    [tenantId, customerIds],
  );
  const ticketIds = tickets.map((t) => t.id);
  const messages = await tx.query<{ subject: string; body_text: string }>(
    `SELECT subject, body_text FROM ticket_messages
      WHERE tenant_id = $1 AND (ticket_id = ANY($2::uuid[]) OR customer_id = ANY($3::uuid[]))`,
    [tenantId, ticketIds, customerIds],
  );
  const refs = await tx.query<{ ref: string }>(
    `SELECT DISTINCT a->>'storageRef' AS ref FROM ticket_messages m, jsonb_array_elements(m.attachments) a
      WHERE m.tenant_id = $1 AND (m.ticket_id = ANY($2::uuid[]) OR m.customer_id = ANY($3::uuid[]))
        AND a->>'storageRef' IS NOT NULL
     UNION
     SELECT DISTINCT r #>> '{}' FROM tickets t, jsonb_path_query(t.custom_fields, 'strict $.**.storageRef') r
      WHERE t.tenant_id = $1 AND t.id = ANY($2::uuid[])`,
    [tenantId, ticketIds, customerIds],
  );
  const values = [
    ...customers.map((c) => c.name),
    ...identities.map((i) => i.value),
    ...tickets.map((t) => t.subject),
    ...messages.flatMap((m) => [m.subject, m.body_text]),
  ];
  return {
    customerIds,
    ticketIds,
    ticketNumbers: tickets.map((t) => t.number),
    values: [...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim().length >= 3))],
    emails: identities.filter((i) => i.kind === 'email').map((i) => i.value),
    storageRefs: refs.map((r) => r.ref).filter((r) => r !== ''),
  };
}

/** Every string in a JSON value with each erased value cut out; strings of custom fields go entirely. */
export function scrubJson(value: unknown, erased: readonly string[]): unknown {
  if (typeof value === 'string') {
    // Longest first, so a name inside an erased sentence does not leave the rest of the sentence behind.
    return [...erased].sort((a, b) => b.length - a.length).reduce((s, v) => s.split(v).join(ERASED), value);
  }
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, erased));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, erased)]));
  }
  return value;
}

const eraseStrings = (value: unknown): unknown => {
  if (typeof value === 'string') return ERASED;
  if (Array.isArray(value)) return value.map(eraseStrings);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, eraseStrings(v)]));
  return value;
};

async function scrubJsonColumn(
  tx: SqlExecutor,
  table: 'ticket_events' | 'customer_merges',
  column: 'data' | 'identity_keys',
  where: string,
  params: readonly unknown[],
  erased: readonly string[],
): Promise<void> {
  const rows = await tx.query<{ id: string; value: unknown }>(
    `SELECT id, ${column} AS value FROM ${table} WHERE ${where}`,
    params,
  );
  const changed = rows
    .map((r) => ({ id: r.id, before: JSON.stringify(r.value), after: JSON.stringify(scrubJson(r.value, erased)) }))
    .filter((r) => r.before !== r.after);
  if (changed.length === 0) return;
  await tx.query(
    `UPDATE ${table} t SET ${column} = c.value FROM unnest($1::uuid[], $2::jsonb[]) AS c(id, value) WHERE t.id = c.id`,
    [changed.map((c) => c.id), changed.map((c) => c.after)],
  );
}

/**
 * Replaces the customer's personal data in the ticket domain, in the caller's transaction: the
 * customer's name; identity values (kept as rows, so history still joins, with a value nobody can
 * reach them by); the subjects, custom fields, texts, attachments and channel metadata of their tickets'
 * messages; every erased value inside the audit trail and the merge record (the transaction must have
 * `switchboard.erasure` on, the append-only trigger's one exception); the bounce flags of their addresses.
 */
export async function eraseCustomerTicketData(
  tx: SqlExecutor,
  tenantId: string,
  data: CustomerPersonalData,
): Promise<void> {
  const { customerIds, ticketIds, values } = data;
  await tx.query(`UPDATE customers SET name = NULL, updated_at = now() WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
    tenantId,
    customerIds,
  ]);
  await tx.query(
    `UPDATE customer_identities SET value = 'erased:' || gen_random_uuid(), verified = false
      WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])`,
    [tenantId, customerIds],
  );
  const fields = await tx.query<{ id: string; custom_fields: unknown }>(
    `SELECT id, custom_fields FROM tickets WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, ticketIds],
  );
  await tx.query(
    `UPDATE tickets t SET subject = $2, custom_fields = c.fields, updated_at = now()
       FROM unnest($3::uuid[], $4::jsonb[]) AS c(id, fields) WHERE t.tenant_id = $1 AND t.id = c.id`,
    [tenantId, ERASED, fields.map((f) => f.id), fields.map((f) => JSON.stringify(eraseStrings(f.custom_fields)))],
  );
  await tx.query(
    `UPDATE ticket_messages SET subject = $4, body_text = $4, body_html = '', attachments = '[]', metadata = '{}',
            text_hash = NULL, channel_message_id = 'erased:' || id
      WHERE tenant_id = $1 AND (ticket_id = ANY($2::uuid[]) OR customer_id = ANY($3::uuid[]))`,
    [tenantId, ticketIds, customerIds, ERASED],
  );
  await scrubJsonColumn(
    tx,
    'ticket_events',
    'data',
    `tenant_id = $1 AND ticket_id = ANY($2::uuid[])`,
    [tenantId, ticketIds],
    values,
  );
  await scrubJsonColumn(
    tx,
    'customer_merges',
    'identity_keys',
    `tenant_id = $1 AND (target_customer_id = ANY($2::uuid[]) OR source_customer_id = ANY($2::uuid[]))`,
    [tenantId, customerIds],
    values,
  );
  await tx.query(`DELETE FROM email_address_flags WHERE tenant_id = $1 AND address = ANY($2::text[])`, [
    tenantId,
    data.emails,
  ]);
}
