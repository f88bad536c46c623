import type { SqlExecutor } from '@switchboard/persistence';

/** personal_data_audit: that an export or an erasure happened, by whom; never the data itself. */
export async function insertPersonalDataAudit(
  tx: SqlExecutor,
  entry: {
    id: string;
    tenantId: string;
    customerId: string;
    action: 'export' | 'erasure';
    actorId: string;
    summary: Readonly<Record<string, number>>;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO personal_data_audit (id, tenant_id, customer_id, action, actor_id, summary) VALUES ($1, $2, $3, $4, $5, $6)`,
    [entry.id, entry.tenantId, entry.customerId, entry.action, entry.actorId, JSON.stringify(entry.summary)],
  );
}

/**
 * The email channel's copies of a customer's addresses and subjects (its Message-ID index and auto-reply
 * limiter). Written here, allow-listed in the table-owners spec: a core lib may not call the channel's
 * code, and the erasure must be one transaction.
 */
export async function eraseEmailChannelData(
  tx: SqlExecutor,
  tenantId: string,
  emails: readonly string[],
  tickets: { readonly ids: readonly string[]; readonly numbers: readonly string[] },
  replacement: string,
): Promise<void> {
  await tx.query(
    `UPDATE email_messages SET counterpart = $5, subject = $5
      WHERE tenant_id = $1
        AND (lower(counterpart) = ANY($2::text[]) OR ticket_id = ANY($3::uuid[]) OR ticket_number = ANY($4::text[]))`,
    [tenantId, emails, tickets.ids, tickets.numbers, replacement],
  );
  await tx.query(`DELETE FROM email_auto_acks WHERE tenant_id = $1 AND lower(sender) = ANY($2::text[])`, [
    tenantId,
    emails,
  ]);
}

/** The references among `refs` that no message or custom field of any tenant still points to. */
export async function unreferencedBlobs(tx: SqlExecutor, refs: readonly string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const rows = await tx.query<{ ref: string }>(
    `SELECT r.ref FROM unnest($1::text[]) AS r(ref)
      WHERE NOT EXISTS (SELECT 1 FROM ticket_messages m
                         WHERE m.attachments @> jsonb_build_array(jsonb_build_object('storageRef', r.ref)))
        AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.custom_fields::text LIKE '%' || r.ref || '%')`,
    [refs],
  );
  return rows.map((r) => r.ref);
}
