import { newId } from '@switchboard/ids';
import { testContext } from '@switchboard/testing';
import { factory } from '../testing/agent-api.factory';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

interface MergeBody {
  id: string;
  identities: { kind: string; value: string }[];
  ticketIds: string[];
}

describe('agent API: customers, companies, merge and unmerge, on real Postgres', () => {
  let harness: AgentApiHarness;
  let tenantId: string;

  const identity = (customerId: string, kind: string, value: string, verified = false) =>
    harness.db.query(
      `INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified) VALUES ($1, $2, $3, $4, $5)`,
      [tenantId, kind, value, customerId, verified],
    );
  const ticketFor = (customerId: string, number: string) =>
    factory.ticket(harness.db, { tenantId, customerId, number, createdAt: '2026-02-01T10:00:00Z' });
  const ownerOf = async (ticketId: string) =>
    (await harness.db.query<{ customer_id: string }>(`SELECT customer_id FROM tickets WHERE id = $1`, [ticketId]))[0]
      ?.customer_id;

  beforeAll(async () => {
    harness = await startAgentApiHarness('agent_api_customers');
    tenantId = harness.world.demoTenantId;
  });
  afterAll(async () => {
    await harness.close();
  });

  describe('companies and customer fields', () => {
    it('lets a manager create a company, refuses a duplicate name and an agent', async () => {
      // A tenant of its own, so the list holds exactly what this test made.
      const { api } = harness;
      const tenant = await testContext(harness.db).newTenant();
      const login = async (role: 'agent' | 'manager' | 'admin') => {
        const { email, password } = await tenant.agent({ role });
        return api.tokenFor(email, password ?? '', tenant.slug);
      };
      const tokens = { alice: await login('agent'), carol: await login('manager'), dana: await login('admin') };
      const created = await api.postAs('/api/v1/companies', tokens.carol, {
        name: 'Globex',
        tier: 'vip',
        region: 'cn',
      });
      expect(created).toMatchObject({ status: 201, body: { name: 'Globex', tier: 'vip', region: 'cn' } });
      expect((await api.postAs('/api/v1/companies', tokens.dana, { name: 'Globex' })).body).toMatchObject({
        error: { code: 'company_name_taken' },
      });
      expect((await api.postAs('/api/v1/companies', tokens.alice, { name: 'Initech' })).status).toBe(403);
      const list = await api.get<{ name: string }[]>('/api/v1/companies', tokens.alice);
      expect(list.body.map((c) => c.name)).toEqual(['Globex']);
    });

    it("applies the company's tier while the customer has none, and the customer's own once set", async () => {
      const { api, tokens } = harness;
      const company = await api.postAs<{ id: string }>('/api/v1/companies', tokens.carol, {
        name: 'Acme',
        tier: 'gold',
      });
      const customerId = await factory.customer(harness.db, tenantId, 'Li Lei');
      const joined = await api.put(`/api/v1/customers/${customerId}`, { companyId: company.body.id }, tokens.carol);
      expect(joined).toMatchObject({
        status: 200,
        body: { tier: null, effectiveTier: 'gold', companyId: company.body.id },
      });
      const own = await api.put(`/api/v1/customers/${customerId}`, { tier: 'vip', region: 'eu' }, tokens.dana);
      expect(own.body).toMatchObject({ tier: 'vip', effectiveTier: 'vip', region: 'eu' });
      const cleared = await api.put(`/api/v1/customers/${customerId}`, { tier: null }, tokens.dana);
      expect(cleared.body).toMatchObject({ tier: null, effectiveTier: 'gold' });
    });

    it('answers 404 for an unknown company or customer, 400 for bad fields, 403 for an agent', async () => {
      const { api, tokens } = harness;
      const customerId = await factory.customer(harness.db, tenantId, 'Han Meimei');
      const url = `/api/v1/customers/${customerId}`;
      expect((await api.put(url, { companyId: newId() }, tokens.carol)).body).toMatchObject({
        error: { code: 'company_not_found' },
      });
      expect((await api.put(`/api/v1/customers/${newId()}`, { name: 'x' }, tokens.carol)).status).toBe(404);
      const invalid = await api.put(url, { tier: '', nickname: 'x' }, tokens.carol);
      expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
      expect((await api.put(url, { tier: 'vip' }, tokens.alice)).status).toBe(403);
    });
  });

  describe('reading', () => {
    it('finds customers by email, phone or name, a page at a time, within the tenant only', async () => {
      const { api, tokens } = harness;
      const ids: string[] = [];
      for (const n of [1, 2, 3]) {
        const id = await factory.customer(harness.db, tenantId, `Searchable ${n}`);
        await identity(id, 'email', `searchable${n}@example.com`);
        ids.push(id);
      }
      await identity(ids[0] ?? '', 'phone', '+8613912345678');
      type Page = { customers: { id: string }[]; nextCursor: string | null };
      const first = await api.get<Page>('/api/v1/customers?query=SEARCHABLE&limit=2', tokens.alice);
      expect(first.body.customers.map((c) => c.id)).toEqual(ids.slice(0, 2));
      const second = await api.get<Page>(
        `/api/v1/customers?query=searchable&limit=2&after=${first.body.nextCursor}`,
        tokens.alice,
      );
      expect(second.body).toEqual({ customers: [expect.objectContaining({ id: ids[2] })], nextCursor: null });
      const byPhone = await api.get<Page>('/api/v1/customers?query=%2B86139', tokens.alice);
      expect(byPhone.body.customers.map((c) => c.id)).toEqual([ids[0]]);
      expect((await api.get<Page>('/api/v1/customers?query=searchable', tokens.eve)).body.customers).toEqual([]);
      expect((await api.get(`/api/v1/customers/${ids[0]}`, tokens.eve)).status).toBe(404);
    });
  });

  describe('merge and unmerge', () => {
    it('moves identities and tickets with an audit event per ticket, and moves exactly those back', async () => {
      const { api, db, tokens } = harness;
      const target = await factory.customer(db, tenantId, 'Zhang Wei');
      const source = await factory.customer(db, tenantId, 'Wei Zhang (dup)');
      await identity(target, 'email', 'zw@example.com', true);
      await identity(source, 'phone', '+8613811112222');
      await identity(source, 'wechat_openid', 'o-zw', true);
      const kept = await ticketFor(target, 'M-1');
      const movedA = await ticketFor(source, 'M-2');
      const movedB = await ticketFor(source, 'M-3');

      const merged = await api.postAs<MergeBody>(`/api/v1/customers/${target}/merge`, tokens.carol, {
        sourceCustomerId: source,
      });
      expect(merged.status).toBe(201);
      expect(merged.body.ticketIds).toEqual([movedA, movedB].sort());
      expect(merged.body.identities).toHaveLength(2);
      expect([await ownerOf(kept), await ownerOf(movedA), await ownerOf(movedB)]).toEqual([target, target, target]);
      const events = await db.query<{ ticket_id: string; data: { before: unknown; after: unknown }; source: string }>(
        `SELECT ticket_id, data, source FROM ticket_events WHERE type = 'fields_changed' AND ticket_id = ANY($1::uuid[])`,
        [[movedA, movedB, kept]],
      );
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({
        data: { before: { customerId: source }, after: { customerId: target } },
        source: 'agent_api',
      });
      const outbox = await db.query(`SELECT 1 FROM outbox WHERE key = ANY($1::text[])`, [[movedA, movedB]]);
      expect(outbox).toHaveLength(2);

      const detail = await api.get<{ identities: unknown[]; ticketCount: number; merges: { id: string }[] }>(
        `/api/v1/customers/${target}`,
        tokens.alice,
      );
      expect(detail.body).toMatchObject({ ticketCount: 3, merges: [{ id: merged.body.id }] });
      expect(detail.body.identities).toHaveLength(3);
      expect((await api.get(`/api/v1/customers/${source}`, tokens.alice)).body).toMatchObject({ mergedIntoId: target });

      // A ticket an agent gave to a third customer meanwhile stays where it is.
      const third = await factory.customer(db, tenantId, 'Someone Else');
      await db.query(`UPDATE tickets SET customer_id = $2 WHERE id = $1`, [movedB, third]);
      const unmerged = await api.postAs<MergeBody>(`/api/v1/customers/${target}/unmerge`, tokens.dana, {
        mergeId: merged.body.id,
      });
      expect(unmerged.status).toBe(201);
      expect(unmerged.body.ticketIds).toEqual([movedA]);
      expect([await ownerOf(kept), await ownerOf(movedA), await ownerOf(movedB)]).toEqual([target, source, third]);
      const identities = await db.query<{ value: string; customer_id: string }>(
        `SELECT value, customer_id FROM customer_identities WHERE customer_id = ANY($1::uuid[]) ORDER BY value`,
        [[target, source]],
      );
      expect(identities).toEqual([
        { value: '+8613811112222', customer_id: source },
        { value: 'o-zw', customer_id: source },
        { value: 'zw@example.com', customer_id: target },
      ]);
      expect((await api.get(`/api/v1/customers/${source}`, tokens.alice)).body).toMatchObject({ mergedIntoId: null });
      const back = await db.query(
        `SELECT 1 FROM ticket_events WHERE type = 'fields_changed' AND ticket_id = $1 AND data->'after'->>'customerId' = $2`,
        [movedA, source],
      );
      expect(back).toHaveLength(1);

      const again = await api.postAs(`/api/v1/customers/${target}/unmerge`, tokens.dana, { mergeId: merged.body.id });
      expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_unmerged' } } });
    });

    it('refuses agents, self-merges, merged customers and unknown merges', async () => {
      const { api, db, tokens } = harness;
      const a = await factory.customer(db, tenantId, 'A');
      const b = await factory.customer(db, tenantId, 'B');
      const c = await factory.customer(db, tenantId, 'C');
      expect((await api.postAs(`/api/v1/customers/${a}/merge`, tokens.alice, { sourceCustomerId: b })).status).toBe(
        403,
      );
      expect((await api.postAs(`/api/v1/customers/${a}/merge`, tokens.carol, { sourceCustomerId: a })).status).toBe(
        422,
      );
      expect((await api.postAs(`/api/v1/customers/${a}/merge`, tokens.carol, { sourceCustomerId: b })).status).toBe(
        201,
      );
      const twice = await api.postAs(`/api/v1/customers/${c}/merge`, tokens.carol, { sourceCustomerId: b });
      expect(twice).toMatchObject({ status: 422, body: { error: { code: 'invalid_merge' } } });
      const unknown = await api.postAs(`/api/v1/customers/${a}/unmerge`, tokens.carol, { mergeId: newId() });
      expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'merge_not_found' } } });
    });

    it('waits for an ingest batch holding the source customer, then moves the ticket it wrote too', async () => {
      const { api, db, tokens } = harness;
      const target = await factory.customer(db, tenantId, 'Waiting Target');
      const source = await factory.customer(db, tenantId, 'Busy Source');
      let lockTaken = (): void => undefined;
      let release = (): void => undefined;
      const taken = new Promise<void>((resolve) => (lockTaken = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      // What an ingest batch does with the existing customers it uses (customer-resolver), then its ticket.
      const batch = db.transaction(async (tx) => {
        await tx.query(`SELECT id FROM customers WHERE id = $1 FOR KEY SHARE`, [source]);
        lockTaken();
        await released;
        return factory.ticket(tx, { tenantId, customerId: source, number: 'W-1', createdAt: '2026-02-02T10:00:00Z' });
      });
      await taken;
      const merge = api.postAs<MergeBody>(`/api/v1/customers/${target}/merge`, tokens.carol, {
        sourceCustomerId: source,
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      const written = await batch;
      expect((await merge).body.ticketIds).toEqual([written]);
      expect(await ownerOf(written)).toBe(target);
    });

    it('keeps the merge record append-only', async () => {
      const { api, db, tokens } = harness;
      const target = await factory.customer(db, tenantId, 'Kept Target');
      const source = await factory.customer(db, tenantId, 'Kept Source');
      const merged = await api.postAs<MergeBody>(`/api/v1/customers/${target}/merge`, tokens.carol, {
        sourceCustomerId: source,
      });
      expect(merged.status).toBe(201);
      await expect(db.query(`DELETE FROM customer_merges WHERE id = $1`, [merged.body.id])).rejects.toThrow(
        /append-only/,
      );
      expect(await db.query(`SELECT 1 FROM customer_merges WHERE id = $1`, [merged.body.id])).toHaveLength(1);
    });
  });
});
