import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { newId } from '@switchboard/ids';
import type { SqlExecutor } from '@switchboard/persistence';
import { factory } from '../testing/agent-api.factory';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

/** Every column of every table that can hold text (bytea too: an undecoded payload still counts). */
async function tablesHolding(db: SqlExecutor, value: string): Promise<string[]> {
  const columns = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'bytea', 'USER-DEFINED')`,
  );
  const found: string[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const match =
      type === 'bytea'
        ? `position(convert_to($1, 'UTF8') in "${column}") > 0`
        : `strpos(lower("${column}"::text), lower($1)) > 0`;
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE ${match}`, [value]);
    if ((row?.n ?? 0) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

describe('personal data on real Postgres: export everything, erase leaving no PII in any table', () => {
  let harness: AgentApiHarness;
  let blobDir: string;
  let sequence = 0;
  const blob = (name: string): { ref: string; path: string } => {
    const ref = `file://sha256/ab/cd/${name}`;
    const path = join(blobDir, ref.slice('file://'.length));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, name);
    return { ref, path };
  };

  type Pii = ReturnType<typeof piiOf>;
  const piiOf = (tag: string) => ({
    name: `Mei Chenhao ${tag}`,
    oldName: `Mei Formerly ${tag}`,
    email: `mei.chenhao.${tag}@customer.test`,
    oldEmail: `mei.old.${tag}@customer.test`,
    phone: tag === 'a' ? '+8613900139042' : '+8613900139043',
    subject: `Kettle from order 77 leaks (${tag})`,
    text: `The kettle I bought leaks from the base every morning ${tag}`,
    followUp: `Still leaking, I attached a photo of the puddle ${tag}`,
    address: `12 Lotus Road, Xihu District ${tag}`,
    comment: `Helpful but slow to answer my messages ${tag}`,
  });

  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'sb-erasure-blobs-'));
    process.env['EMAIL_BLOB_DIR'] = blobDir;
    harness = await startAgentApiHarness('integrations_personal_data');
  });
  afterAll(async () => {
    delete process.env['EMAIL_BLOB_DIR'];
    await harness.close();
    rmSync(blobDir, { recursive: true, force: true });
  });

  /** One customer with a merged-away second profile, tickets, messages, a reply, a visit, a rating, mail state. */
  async function customerWithHistory(pii: Pii) {
    const { db, world } = harness;
    const tenantId = world.demoTenantId;
    const customerId = await factory.customer(db, tenantId, pii.name);
    const oldId = await factory.customer(db, tenantId, pii.oldName);
    await db.query(`UPDATE customers SET merged_into_id = $2 WHERE id = $1`, [oldId, customerId]);
    for (const [kind, value, owner] of [
      ['email', pii.email, customerId],
      ['phone', pii.phone, customerId],
      ['external', `CRM-ERASE-${pii.phone}`, customerId],
      ['email', pii.oldEmail, oldId],
    ] as const) {
      await db.query(
        `INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified) VALUES ($1, $2, $3, $4, true)`,
        [tenantId, kind, value, owner],
      );
    }
    await db.query(
      `INSERT INTO customer_merges (id, tenant_id, kind, target_customer_id, source_customer_id, identity_keys, ticket_ids, actor_id)
       VALUES ($1, $2, 'merge', $3, $4, $5, '{}', $6)`,
      [
        newId(),
        tenantId,
        customerId,
        oldId,
        JSON.stringify([{ kind: 'email', value: pii.oldEmail }]),
        world.agents.carol,
      ],
    );
    sequence += 1;
    const number = `ER-${String(sequence).padStart(6, '0')}`;
    const ticketId = await factory.ticket(db, {
      tenantId,
      customerId,
      number,
      createdAt: '2026-02-01T10:00:00Z',
      teamId: world.teams.support,
      assigneeId: world.agents.alice,
    });
    const own = blob(`own-${newId()}`);
    const shared = blob(`shared-${newId()}`);
    await db.query(`UPDATE tickets SET subject = $2, custom_fields = $3 WHERE id = $1`, [
      ticketId,
      pii.subject,
      JSON.stringify({ delivery_address: pii.address, photo: { storageRef: own.ref } }),
    ]);
    const attachments = (ref: string) =>
      JSON.stringify([{ name: 'puddle.jpg', contentType: 'image/jpeg', storageRef: ref }]);
    for (const [text, ref, from] of [
      [pii.text, own.ref, pii.email],
      [pii.followUp, shared.ref, pii.email],
    ] as const) {
      await db.query(
        `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, customer_id, subject,
                                      body_text, body_html, attachments, metadata, received_at, text_hash)
         VALUES ($1, $2, $3, 'inbound', 'email', $4, $5, $6, $7, $8, $9, $10, now(), 'hash')`,
        [
          newId(),
          tenantId,
          ticketId,
          `<${newId()}@mail.customer.test>`,
          customerId,
          pii.subject,
          text,
          `<p>${text}</p>`,
          attachments(ref),
          JSON.stringify({ from: `${pii.name} <${from}>` }),
        ],
      );
    }
    // Another customer's message holds the same (content-addressed) blob: it must survive.
    const otherName = `Unrelated ${newId().slice(-8)}`;
    const otherId = await factory.customer(db, tenantId, otherName);
    const otherTicket = await factory.ticket(db, {
      tenantId,
      customerId: otherId,
      number: `OT-${String(sequence).padStart(6, '0')}`,
      createdAt: '2026-02-01T10:00:00Z',
    });
    await db.query(
      `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, body_text, attachments, received_at)
       VALUES ($1, $2, $3, 'inbound', 'email', $4, 'unrelated words', $5, now())`,
      [newId(), tenantId, otherTicket, newId(), attachments(shared.ref)],
    );
    await factory.event(db, {
      tenantId,
      ticketId,
      type: 'fields_changed',
      occurredAt: '2026-02-01T10:01:00Z',
      data: {
        after: { subject: pii.subject, note: `called ${pii.name} on ${pii.phone}` },
      },
    });
    const reply = await harness.api.postAs(`/api/v1/tickets/${number}/replies`, harness.tokens.alice, {
      bodyText: `Dear ${pii.name}, a new kettle is on its way to ${pii.address}.`,
    });
    expect(reply.status).toBe(201);
    await db.query(
      `INSERT INTO csat_ratings (id, tenant_id, ticket_id, round, score, comment, channel) VALUES ($1, $2, $3, 1, 4, $4, 'web')`,
      [newId(), tenantId, ticketId, pii.comment],
    );
    await db.query(
      `INSERT INTO appointments (id, tenant_id, ticket_id, technician_name, technician_phone, window_start, window_end, time_zone, address, note)
       VALUES ($1, $2, $3, 'Tech Li', '+8613700000001', now(), now() + interval '2 hours', 'Asia/Shanghai', $4, $5)`,
      [newId(), tenantId, ticketId, pii.address, `ring ${pii.phone}`],
    );
    await db.query(
      `INSERT INTO portal_lookup_codes (id, tenant_id, ticket_id, customer_id, code_hash, contact, expires_at)
       VALUES ($1, $2, $3, $4, 'h', $5, now() + interval '10 minutes')`,
      [newId(), tenantId, ticketId, customerId, pii.email],
    );
    await db.query(
      `INSERT INTO email_messages (tenant_id, message_id, direction, conversation_key, ticket_number, ticket_id, counterpart, subject)
       VALUES ($1, $2, 'inbound', 'conv', $3, $4, $5, $6)`,
      [tenantId, `<${newId()}@mail.customer.test>`, number, ticketId, pii.email, pii.subject],
    );
    await db.query(`INSERT INTO email_auto_acks (tenant_id, sender) VALUES ($1, $2)`, [tenantId, pii.email]);
    await db.query(`INSERT INTO email_address_flags (tenant_id, address, reason) VALUES ($1, $2, 'bounced')`, [
      tenantId,
      pii.email,
    ]);
    return { customerId, ticketId, number, own, shared, otherId, otherName };
  }

  it('exports the customer as JSON (admins only, audited)', async () => {
    const pii = piiOf('a');
    const { customerId, number } = await customerWithHistory(pii);
    const url = `/api/v1/customers/${customerId}/personal-data`;
    expect((await harness.api.get(url, harness.tokens.alice)).status).toBe(403);
    expect((await harness.api.get(url, harness.tokens.carol)).status).toBe(403);
    const answer = await harness.api.get<Record<string, unknown>>(url, harness.tokens.dana);
    expect(answer.status).toBe(200);
    const text = JSON.stringify(answer.body);
    for (const value of [pii.name, pii.email, pii.oldEmail, pii.phone, pii.text, pii.address, pii.comment, number]) {
      expect(text).toContain(value);
    }
    const [audit] = await harness.db.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM personal_data_audit WHERE customer_id = $1`,
      [customerId],
    );
    expect(audit).toEqual({ action: 'export', actor_id: harness.world.agents.dana });
  });

  it('erases the customer: none of their email, phone, name, address or message text is left in any table', async () => {
    const pii = piiOf('b');
    const { customerId, ticketId, own, shared, otherId, otherName } = await customerWithHistory(pii);
    const url = `/api/v1/customers/${customerId}/erasure`;
    expect((await harness.api.postAs(url, harness.tokens.alice, {})).status).toBe(403);
    expect((await harness.api.postAs(url, harness.tokens.carol, {})).status).toBe(403);
    // Before: every value is somewhere.
    expect(await tablesHolding(harness.db, pii.email)).not.toEqual([]);

    const erased = await harness.api.postAs(url, harness.tokens.dana, {});
    expect(erased).toMatchObject({ status: 200, body: { customerId, customers: 2, tickets: 1, blobsDeleted: 1 } });
    // The outbox relay publishes and deletes its rows within moments; the harness keeps them, so do its job.
    await harness.db.query(`DELETE FROM outbox`);

    for (const value of Object.values(pii))
      expect({ value, tables: await tablesHolding(harness.db, value) }).toEqual({ value, tables: [] });

    // The ticket, its messages and its history stay as rows; the other customer is untouched.
    const [ticket] = await harness.db.query<{ subject: string; status: string }>(
      `SELECT subject, status FROM tickets WHERE id = $1`,
      [ticketId],
    );
    expect(ticket).toEqual({ subject: '[erased]', status: 'assigned' });
    const [messages] = await harness.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ticket_messages WHERE ticket_id = $1`,
      [ticketId],
    );
    expect(messages?.n).toBe(3);
    expect(await tablesHolding(harness.db, otherName)).toEqual(['customers.name']);
    const [other] = await harness.db.query<{ id: string }>(`SELECT id FROM customers WHERE id = $1 AND name = $2`, [
      otherId,
      otherName,
    ]);
    expect(other).toBeDefined();
    // The attachment only this customer had is gone from the blob store; the shared one stays.
    expect(existsSync(own.path)).toBe(false);
    expect(existsSync(shared.path)).toBe(true);
    // Who erased whom is recorded, and the audit trail accepted no other update.
    const audits = await harness.db.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM personal_data_audit WHERE customer_id = $1 ORDER BY occurred_at`,
      [customerId],
    );
    expect(audits).toEqual([{ action: 'erasure', actor_id: harness.world.agents.dana }]);
    await expect(
      harness.db.query(`UPDATE ticket_events SET type = 'x' WHERE ticket_id = $1`, [ticketId]),
    ).rejects.toThrow(/append-only/);
    // A second erasure finds nothing more to erase and still succeeds.
    expect((await harness.api.postAs(url, harness.tokens.dana, {})).status).toBe(200);
    expect((await harness.api.postAs(`/api/v1/customers/${newId()}/erasure`, harness.tokens.dana, {})).status).toBe(
      404,
    );
  });
});
