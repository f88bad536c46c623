import { loadConfig } from '@switchboard/config';
import {
  Channel,
  CustomerIdentitySchema,
  create,
  timestampFromDate,
  type InboundMessage,
} from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, factory, type TestDatabase } from '@switchboard/testing';
import { TenantDirectory } from '../shared/tenant-directory';
import { validateInboundMessage } from './inbound-message.validation';
import type { IngestOutcome } from './ingest-inbound-messages.command';
import { IngestInboundMessagesUseCase } from './ingest-inbound-messages.use-case';
import { InMemoryCapacityStore } from '@switchboard/coordination';

interface MessageSpec {
  readonly id: string;
  readonly conversation?: string;
  readonly channel?: Channel;
  readonly customer?: {
    email?: string;
    phone?: string;
    wechatOpenid?: string;
    externalId?: string;
    verified?: string[];
  };
  readonly body?: string;
  readonly at?: Date;
  readonly ticketNumber?: string;
}

const DAY = 86_400_000;

function message(spec: MessageSpec): InboundMessage {
  const m = factory.inboundMessage({
    channelMessageId: spec.id,
    conversationKey: spec.conversation ?? `conv-${spec.id}`,
    bodyText: spec.body ?? `body of ${spec.id}`,
  });
  m.channel = spec.channel ?? Channel.WEB;
  if (spec.customer) m.customer = create(CustomerIdentitySchema, { name: 'Wei Zhang', ...spec.customer });
  if (spec.at) m.receivedAt = timestampFromDate(spec.at);
  if (spec.ticketNumber && m.hints) m.hints.ticketNumber = spec.ticketNumber;
  return m;
}

describe('ingest: identities, near-duplicates and reopen policy on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  let ingest: IngestInboundMessagesUseCase;
  const capacity = new InMemoryCapacityStore();
  let tenantId: string;

  const run = (messages: InboundMessage[]): Promise<IngestOutcome[]> =>
    ingest.execute({ messages: messages.map(validateInboundMessage), refused: [] });
  const ticketOf = (o: IngestOutcome | undefined): string => (o && 'ticketId' in o ? o.ticketId : 'none');
  const customerOf = async (kind: string, value: string): Promise<string | undefined> =>
    (
      await db.query<{ customer_id: string }>(
        `SELECT customer_id FROM customer_identities WHERE kind = $1 AND value = $2`,
        [kind, value],
      )
    )[0]?.customer_id;
  const eventsOf = async (ticketId: string) =>
    db.query<{ type: string; data: Record<string, unknown> }>(
      `SELECT type, data FROM ticket_events WHERE ticket_id = $1 ORDER BY occurred_at, type`,
      [ticketId],
    );
  const ticket = async (id: string) =>
    (
      await db.query<{ status: string; reopen_count: number; assignee_id: string | null; customer_id: string }>(
        `SELECT status, reopen_count, assignee_id, customer_id FROM tickets WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    testDb = await createTestDatabase('ingest_identity');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    tenantId = newId();
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'acme', 'Acme')`, [tenantId]);
    ingest = new IngestInboundMessagesUseCase({ db, tenants: new TenantDirectory(), capacity });
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  describe('identity linking', () => {
    it('reuses a customer for the same claim but never attaches an unverified identity to it', async () => {
      await run([message({ id: 'id-1', customer: { email: 'Lin@Example.com' } })]);
      const lin = await customerOf('email', 'lin@example.com');
      await run([message({ id: 'id-2', customer: { email: 'lin@example.com', phone: '+8613800000001' } })]);
      expect(await customerOf('phone', '+8613800000001')).toBeUndefined();
      const [row] = await db.query<{ customer_id: string }>(
        `SELECT t.customer_id FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id WHERE m.channel_message_id = 'id-2'`,
      );
      expect(row?.customer_id).toBe(lin);
    });

    it('attaches a verified identity reached through a verified claim, and never joins two customers', async () => {
      await run([
        message({
          id: 'crm-1',
          channel: Channel.API,
          customer: { externalId: 'crm-42', email: 'ops@globex.example', verified: ['email'] },
        }),
      ]);
      const crm = await customerOf('external', 'crm-42');
      expect(await customerOf('email', 'ops@globex.example')).toBe(crm);
      const [verified] = await db.query<{ verified: boolean }>(
        `SELECT verified FROM customer_identities WHERE value = 'crm-42'`,
      );
      expect(verified?.verified).toBe(true);

      await run([
        message({
          id: 'crm-2',
          channel: Channel.API,
          customer: { externalId: 'crm-42', phone: '+8613800000042', verified: ['phone'] },
        }),
      ]);
      expect(await customerOf('phone', '+8613800000042')).toBe(crm);

      await run([message({ id: 'other-1', customer: { email: 'someone@example.com' } })]);
      const someone = await customerOf('email', 'someone@example.com');
      const [outcome] = await run([
        message({
          id: 'crm-3',
          channel: Channel.API,
          customer: { externalId: 'crm-42', email: 'someone@example.com' },
        }),
      ]);
      expect((await ticket(ticketOf(outcome)))?.customer_id).toBe(crm);
      expect(await customerOf('email', 'someone@example.com')).toBe(someone);
      expect(someone).not.toBe(crm);
    });

    it('lets a WeChat OpenID count as verified on the WeChat channel only', async () => {
      await run([
        message({ id: 'wx-1', channel: Channel.WECHAT, customer: { wechatOpenid: 'o-1', email: 'wx@example.com' } }),
      ]);
      const [ids] = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM customer_identities WHERE value IN ('o-1', 'wx@example.com') AND customer_id = $1`,
        [await customerOf('wechat_openid', 'o-1')],
      );
      expect(ids?.n).toBe('2');
      const [rows] = await db.query<{ verified: boolean }>(
        `SELECT verified FROM customer_identities WHERE value = 'o-1'`,
      );
      expect(rows?.verified).toBe(true);
      await run([message({ id: 'web-wx', customer: { wechatOpenid: 'o-2' } })]);
      const [web] = await db.query<{ verified: boolean }>(
        `SELECT verified FROM customer_identities WHERE value = 'o-2'`,
      );
      expect(web?.verified).toBe(false);
    });

    it('does not attach a verified identity to a customer reached only through an unverified claim', async () => {
      await run([message({ id: 'anchor-1', customer: { email: 'anchor@example.com' } })]);
      const anchor = await customerOf('email', 'anchor@example.com');
      const [outcome] = await run([
        message({
          id: 'anchor-2',
          channel: Channel.WECHAT,
          customer: { wechatOpenid: 'o-anchor', email: 'anchor@example.com' },
        }),
      ]);
      expect((await ticket(ticketOf(outcome)))?.customer_id).toBe(anchor);
      expect(await customerOf('wechat_openid', 'o-anchor')).toBeUndefined();
    });

    it('marks a stored identity verified once a channel proves it', async () => {
      await run([message({ id: 'proof-1', customer: { email: 'proof@example.com' } })]);
      await run([message({ id: 'proof-2', customer: { email: 'proof@example.com', verified: ['email'] } })]);
      const [row] = await db.query<{ verified: boolean }>(
        `SELECT verified FROM customer_identities WHERE value = 'proof@example.com'`,
      );
      expect(row?.verified).toBe(true);
    });

    it('gives two concurrent batches with the same new identity one customer', async () => {
      const customer = { email: 'race@example.com' };
      await Promise.all([
        run([message({ id: 'race-a', customer, body: 'first' })]),
        run([message({ id: 'race-b', customer, body: 'second' })]),
      ]);
      const owners = await db.query<{ customer_id: string }>(
        `SELECT DISTINCT t.customer_id FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id
          WHERE m.channel_message_id IN ('race-a', 'race-b')`,
      );
      expect(owners).toEqual([{ customer_id: await customerOf('email', 'race@example.com') }]);
    });

    it("copies the customer's effective tier (its company's when unset) and region onto new tickets", async () => {
      await run([message({ id: 'tier-1', customer: { email: 'tier@example.com' } })]);
      const customerId = await customerOf('email', 'tier@example.com');
      const companyId = newId();
      await db.query(`INSERT INTO companies (id, tenant_id, name, tier) VALUES ($1, $2, 'Tiered', 'gold')`, [
        companyId,
        tenantId,
      ]);
      await db.query(`UPDATE customers SET company_id = $2, region = 'eu' WHERE id = $1`, [customerId, companyId]);
      const [gold] = await run([message({ id: 'tier-2', customer: { email: 'tier@example.com' } })]);
      await db.query(`UPDATE customers SET tier = 'vip' WHERE id = $1`, [customerId]);
      const [vip] = await run([message({ id: 'tier-3', customer: { email: 'tier@example.com' } })]);
      const rows = await db.query<{ tier: string; region: string }>(
        `SELECT tier, region FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY tier`,
        [[ticketOf(gold), ticketOf(vip)]],
      );
      expect(rows).toEqual([
        { tier: 'gold', region: 'eu' },
        { tier: 'vip', region: 'eu' },
      ]);
    });

    it('resolves two new messages of one new customer in one batch to one customer', async () => {
      await run([
        message({ id: 'pair-1', customer: { email: 'pair@example.com' } }),
        message({ id: 'pair-2', customer: { email: 'pair@example.com' } }),
      ]);
      const rows = await db.query(`SELECT 1 FROM customer_identities WHERE value = 'pair@example.com'`);
      expect(rows).toHaveLength(1);
    });
  });

  describe('near-duplicates', () => {
    it('appends a near-identical message of the same batch, and one against a stored message', async () => {
      const customer = { email: 'dup@example.com' };
      const first = await run([
        message({ id: 'nd-1', conversation: 'nd-a', customer, body: 'My  router is BROKEN' }),
        message({ id: 'nd-2', conversation: 'nd-b', customer, body: 'my router is broken ' }),
      ]);
      expect(first.map((o) => o.kind)).toEqual(['created', 'appended']);
      expect(ticketOf(first[1])).toBe(ticketOf(first[0]));
      const [later] = await run([message({ id: 'nd-3', conversation: 'nd-c', customer, body: 'my router is broken' })]);
      expect(later?.kind).toBe('appended');
      expect(ticketOf(later)).toBe(ticketOf(first[0]));
      const appended = (await eventsOf(ticketOf(first[0]))).filter((e) => e.type === 'message_appended');
      expect(appended.map((e) => e.data['near_duplicate'])).toEqual([true, true]);
    });

    it('does not apply outside the window, to another customer, or when the tenant sets 0', async () => {
      const at = new Date('2026-03-01T10:00:00Z');
      await run([message({ id: 'w-1', customer: { email: 'w@example.com' }, body: 'same words', at })]);
      const late = new Date(at.getTime() + 301_000);
      const outcomes = await run([
        message({ id: 'w-2', customer: { email: 'w@example.com' }, body: 'same words', at: late }),
        message({ id: 'w-3', customer: { email: 'w2@example.com' }, body: 'same words', at }),
      ]);
      expect(outcomes.map((o) => o.kind)).toEqual(['created', 'created']);
      await db.query(`UPDATE tenants SET near_duplicate_window_seconds = 0 WHERE id = $1`, [tenantId]);
      try {
        const [off] = await run([message({ id: 'w-4', customer: { email: 'w@example.com' }, body: 'same words', at })]);
        expect(off?.kind).toBe('created');
      } finally {
        await db.query(`UPDATE tenants SET near_duplicate_window_seconds = 300 WHERE id = $1`, [tenantId]);
      }
    });
  });

  describe('reopen policy', () => {
    const agentId = newId();
    const teams: Record<string, string> = {};

    beforeAll(async () => {
      for (const [name, policy, days] of [
        ['reopeners', 'reopen', 14],
        ['fresh-starters', 'new_ticket', 14],
        ['within-3', 'reopen_within', 3],
      ] as const) {
        teams[name] = newId();
        await db.query(
          `INSERT INTO teams (id, tenant_id, name, reopen_policy, reopen_within_days) VALUES ($1, $2, $3, $4, $5)`,
          [teams[name], tenantId, name, policy, days],
        );
      }
      await db.query(`INSERT INTO agents (id, tenant_id, team_id, email, name) VALUES ($1, $2, $3, 'a@acme', 'A')`, [
        agentId,
        tenantId,
        teams['reopeners'],
      ]);
    });

    /** Opens a ticket on its own conversation and closes it `closedDaysBefore` days before `at`. */
    async function closedTicket(
      key: string,
      team: string | null,
      at: Date,
      closedDaysBefore: number,
      status = 'closed',
    ) {
      const [created] = await run([
        message({ id: `${key}-1`, conversation: key, customer: { email: `${key}@example.com` }, at }),
      ]);
      const id = ticketOf(created);
      await db.query(
        `UPDATE tickets SET status = $2, team_id = $3, assignee_id = $4, closed_at = $5, resolved_at = $5 WHERE id = $1`,
        [id, status, team, team ? agentId : null, new Date(at.getTime() - closedDaysBefore * DAY)],
      );
      return id;
    }
    const reply = (key: string, n: number, at: Date) =>
      message({
        id: `${key}-${n}`,
        conversation: key,
        customer: { email: `${key}@example.com` },
        at,
        body: `reply ${n}`,
      });

    it('reopen: appends, moves the ticket to in_progress keeping the assignee, and audits it', async () => {
      const at = new Date();
      const id = await closedTicket('rp', teams['reopeners'] ?? null, at, 30, 'resolved');
      const [outcome] = await run([reply('rp', 2, at)]);
      expect(outcome).toMatchObject({ kind: 'appended', ticketId: id });
      expect(await ticket(id)).toMatchObject({ status: 'in_progress', reopen_count: 1, assignee_id: agentId });
      const types = (await eventsOf(id)).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['status_changed', 'reopened', 'message_appended']));
      const change = (await eventsOf(id)).find((e) => e.type === 'status_changed');
      expect(change?.data).toMatchObject({ before: { status: 'resolved' }, after: { status: 'in_progress' } });
    });

    it("counts a reopened ticket in its assignee's load again, once", async () => {
      await capacity.seedMissing(tenantId, new Map([[agentId, 0]]), new Map([[agentId, new Map([['web', 0]])]]));
      const load = async () => ({
        all: (await capacity.loads(tenantId, [agentId])).get(agentId),
        web: (await capacity.loads(tenantId, [agentId], 'web')).get(agentId),
      });
      const at = new Date();
      await closedTicket('load', teams['reopeners'] ?? null, at, 1, 'resolved');
      const before = await load();
      await run([reply('load', 2, at)]);
      expect(await load()).toEqual({ all: (before.all ?? 0) + 1, web: (before.web ?? 0) + 1 });
      const [replayed] = await run([reply('load', 2, at)]);
      expect(replayed).toMatchObject({ kind: 'duplicate' });
      await run([reply('load', 3, at)]);
      expect(await load()).toEqual({ all: (before.all ?? 0) + 1, web: (before.web ?? 0) + 1 });
    });

    it('a ticket without a team reopens', async () => {
      const at = new Date();
      const id = await closedTicket('noteam', null, at, 300);
      const [outcome] = await run([reply('noteam', 2, at)]);
      expect(ticketOf(outcome)).toBe(id);
      expect((await ticket(id))?.status).toBe('in_progress');
    });

    it('new_ticket: opens a new ticket linked both ways to the old one', async () => {
      const at = new Date();
      const old = await closedTicket('nt', teams['fresh-starters'] ?? null, at, 1);
      const [outcome] = await run([reply('nt', 2, at)]);
      expect(outcome?.kind).toBe('created');
      const fresh = ticketOf(outcome);
      expect(fresh).not.toBe(old);
      const links = await db.query<{ ticket_id: string; kind: string }>(
        `SELECT ticket_id, kind FROM ticket_links WHERE ticket_id IN ($1, $2) ORDER BY kind`,
        [old, fresh],
      );
      expect(links).toEqual([
        { ticket_id: fresh, kind: 'follow_up_of' },
        { ticket_id: old, kind: 'followed_up_by' },
      ]);
      expect((await eventsOf(old)).map((e) => e.type)).toContain('linked');
      expect((await eventsOf(fresh)).map((e) => e.type)).toContain('linked');
      expect((await ticket(old))?.status).toBe('closed');
    });

    it('reopen_within: reopens at exactly N days, opens a follow-up just after', async () => {
      const at = new Date();
      const inside = await closedTicket('rw-in', teams['within-3'] ?? null, at, 3);
      const outside = await closedTicket('rw-out', teams['within-3'] ?? null, new Date(at.getTime() - 1000), 3);
      const outcomes = await run([reply('rw-in', 2, at), reply('rw-out', 2, at)]);
      expect(ticketOf(outcomes[0])).toBe(inside);
      expect((await ticket(inside))?.status).toBe('in_progress');
      expect(outcomes[1]?.kind).toBe('created');
      expect(ticketOf(outcomes[1])).not.toBe(outside);
    });

    it('never reopens an archived ticket', async () => {
      const at = new Date();
      const id = await closedTicket('arch', teams['reopeners'] ?? null, at, 1);
      await db.query(`UPDATE tickets SET archived_at = now() WHERE id = $1`, [id]);
      const [outcome] = await run([reply('arch', 2, at)]);
      expect(outcome?.kind).toBe('created');
      expect(await ticket(id)).toMatchObject({ status: 'closed', reopen_count: 0 });
    });

    it('links, never appends, a web message that quotes a number without proving its sender', async () => {
      const at = new Date();
      const id = await closedTicket('unproven', teams['reopeners'] ?? null, at, 1);
      const [{ number } = { number: '' }] = await db.query<{ number: string }>(
        `SELECT number FROM tickets WHERE id = $1`,
        [id],
      );
      const [outcome] = await run([
        message({
          id: 'unproven-x',
          conversation: 'form',
          customer: { email: 'unproven@example.com' },
          ticketNumber: number,
          at,
        }),
      ]);
      expect(outcome?.kind).toBe('created');
      expect((await ticket(id))?.status).toBe('closed');
      const [created] = await db.query<{ tags: string[] }>(`SELECT tags FROM tickets WHERE id = $1`, [
        ticketOf(outcome),
      ]);
      expect(created?.tags).toEqual(['unverified_follow_up']);
      const links = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM ticket_links WHERE tenant_id = $1 AND ticket_id = $2 AND other_ticket_id = $3`,
        [tenantId, ticketOf(outcome), id],
      );
      expect(Number(links[0]?.n)).toBe(1);
    });

    it('threads onto a ticket the customer quotes by number, reopening it by policy', async () => {
      const at = new Date();
      const id = await closedTicket('quote', teams['reopeners'] ?? null, at, 1);
      const [{ number } = { number: '' }] = await db.query<{ number: string }>(
        `SELECT number FROM tickets WHERE id = $1`,
        [id],
      );
      // A verified sender: the portal's signed-in session, or a signed link.
      const [outcome] = await run([
        message({
          id: 'quote-x',
          conversation: 'elsewhere',
          customer: { email: 'quote@example.com', verified: ['email'] },
          ticketNumber: number,
          at,
        }),
      ]);
      expect(ticketOf(outcome)).toBe(id);
      expect((await ticket(id))?.status).toBe('in_progress');
      const [stranger] = await run([
        message({
          id: 'quote-y',
          conversation: 'stranger',
          customer: { email: 'stranger@example.com' },
          ticketNumber: number,
          at,
        }),
      ]);
      expect(ticketOf(stranger)).not.toBe(id);
    });

    it('replaying the same batch changes nothing and answers with the same tickets', async () => {
      const at = new Date();
      const id = await closedTicket('replay', teams['reopeners'] ?? null, at, 1);
      const batch = [
        reply('replay', 2, at),
        message({
          id: 'replay-dup-a',
          conversation: 'replay-x',
          customer: { email: 'rd@example.com' },
          body: 'twice',
          at,
        }),
        message({
          id: 'replay-dup-b',
          conversation: 'replay-y',
          customer: { email: 'rd@example.com' },
          body: 'twice',
          at,
        }),
      ];
      const first = await run(batch);
      const count = async () =>
        (
          await db.query<{ n: string }>(
            `SELECT (SELECT count(*) FROM tickets) + (SELECT count(*) FROM ticket_events) AS n`,
          )
        )[0]?.n;
      const before = await count();
      const again = await run(batch);
      expect(again.map((o) => o.kind)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      expect(again.map(ticketOf)).toEqual(first.map(ticketOf));
      expect(ticketOf(first[0])).toBe(id);
      expect(ticketOf(first[2])).toBe(ticketOf(first[1]));
      expect(await count()).toBe(before);
      expect((await ticket(id))?.reopen_count).toBe(1);
    });
  });
});
