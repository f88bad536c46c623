import { InMemoryCapacityStore } from '@switchboard/coordination';
import { decodeInboundMessage } from '@switchboard/contracts';
import { setupOpenApi } from '@switchboard/http';
import type {
  ExternalCustomerStatusView,
  ExternalTicketStatusView,
  SyncCustomersResult,
} from '@switchboard/integrations';
import { IngestInboundMessagesUseCase, TenantDirectory, validateInboundMessage } from '@switchboard/tickets';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';
import { advanceTicketNumbers } from '../testing/ticket-relations.fixtures';

describe('CRM/ERP integration on real Postgres: customer sync, tickets by external id, status', () => {
  let harness: AgentApiHarness;
  let ingest: IngestInboundMessagesUseCase;

  beforeAll(async () => {
    // The OpenAPI document too, to check the integration endpoints are in it with their examples.
    harness = await startAgentApiHarness('integrations_crm', {
      beforeInit: (app) => setupOpenApi(app, { title: 'Switchboard agent API' }),
    });
    ingest = new IngestInboundMessagesUseCase({
      db: harness.db,
      tenants: new TenantDirectory(),
      capacity: new InMemoryCapacityStore(),
    });
    await advanceTicketNumbers(harness);
  });
  afterAll(() => harness.close());

  const sync = (body: Record<string, unknown>, caller: 'alice' | 'carol' | 'dana' = 'dana') =>
    harness.api.postAs<SyncCustomersResult & { error?: { code: string } }>(
      '/api/v1/integrations/customer-sync',
      harness.tokens[caller],
      body,
    );

  /** What the ticket service does with the inbound messages the API wrote to the outbox. */
  const ingestOutbox = async () => {
    const rows = await harness.db.query<{ id: string; payload: Buffer }>(
      `SELECT id, payload FROM outbox WHERE topic = 'inbound.messages.v1' ORDER BY id`,
    );
    await harness.db.query(`DELETE FROM outbox WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
    const messages = rows.map((r) => validateInboundMessage(decodeInboundMessage(new Uint8Array(r.payload))));
    return ingest.execute({ messages, refused: [] });
  };

  const rowCounts = async () => {
    const [row] = await harness.db.query<{ customers: number; identities: number; companies: number }>(
      `SELECT (SELECT count(*)::int FROM customers WHERE tenant_id = $1) AS customers,
              (SELECT count(*)::int FROM customer_identities WHERE tenant_id = $1) AS identities,
              (SELECT count(*)::int FROM companies WHERE tenant_id = $1) AS companies`,
      [harness.world.demoTenantId],
    );
    return row;
  };

  it('upserts companies and customers by external id, idempotently, in batches of up to 1,000', async () => {
    const batch = {
      companies: [{ externalId: 'ACME-1', name: 'Acme Sync Ltd', tier: 'gold', region: 'cn-east' }],
      customers: Array.from({ length: 1_000 }, (_, i) => ({
        externalId: `CRM-${i}`,
        name: `Customer ${i}`,
        email: `customer.${i}@sync.test`,
        ...(i % 2 === 0 ? { companyExternalId: 'ACME-1', region: 'cn-east' } : { tier: 'vip' }),
      })),
    };
    const first = await sync(batch);
    expect(first.status).toBe(200);
    expect(first.body.companies).toMatchObject([{ externalId: 'ACME-1', outcome: 'created' }]);
    expect(first.body.customers.filter((c) => c.outcome === 'created')).toHaveLength(1_000);
    expect(first.body.conflicts).toEqual([]);
    const after = await rowCounts();

    const again = await sync(batch);
    expect(again.status).toBe(200);
    expect(again.body.customers.every((c) => c.outcome === 'updated')).toBe(true);
    expect(again.body.customers.map((c) => c.id)).toEqual(first.body.customers.map((c) => c.id));
    expect(await rowCounts()).toEqual(after);

    const status = await harness.api.get<ExternalCustomerStatusView>(
      '/api/v1/integrations/customers/CRM-0',
      harness.tokens.dana,
    );
    expect(status.body).toMatchObject({ externalId: 'CRM-0', tier: 'gold', region: 'cn-east', tickets: [] });
    const vip = await harness.api.get<ExternalCustomerStatusView>(
      '/api/v1/integrations/customers/CRM-1',
      harness.tokens.dana,
    );
    expect(vip.body.tier).toBe('vip');

    // A later sync changes what it names and leaves the rest alone.
    const moved = await sync({ customers: [{ externalId: 'CRM-0', region: 'cn-north' }] });
    expect(moved.body.customers).toMatchObject([{ externalId: 'CRM-0', outcome: 'updated' }]);
    const [row] = await harness.db.query<{ name: string; region: string }>(
      `SELECT c.name, c.region FROM customers c JOIN customer_identities i ON i.customer_id = c.id
        WHERE i.kind = 'external' AND i.value = 'CRM-0' AND i.tenant_id = $1`,
      [harness.world.demoTenantId],
    );
    expect(row).toEqual({ name: 'Customer 0', region: 'cn-north' });
  });

  it('refuses batches over 1,000, duplicate external ids, unknown companies, and agents', async () => {
    const many = Array.from({ length: 1_001 }, (_, i) => ({ externalId: `BIG-${i}` }));
    expect((await sync({ customers: many })).status).toBe(400);
    const twice = await sync({ customers: [{ externalId: 'DUP' }, { externalId: 'DUP' }] });
    expect(twice).toMatchObject({ status: 400, body: { error: { code: 'duplicate_external_id' } } });
    const unknown = await sync({ customers: [{ externalId: 'X-1', companyExternalId: 'NOPE' }] });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'external_id_not_found' } } });
    await sync({ companies: [{ externalId: 'CO-1', name: 'Same Name Ltd' }] });
    const clash = await sync({ companies: [{ externalId: 'CO-2', name: 'Same Name Ltd' }] });
    expect(clash).toMatchObject({ status: 409, body: { error: { code: 'company_name_taken' } } });
    expect((await sync({ customers: [{ externalId: 'X-2' }] }, 'alice')).status).toBe(403);
    expect((await sync({ customers: [{ externalId: 'X-3' }] }, 'carol')).status).toBe(200);
  });

  it('reports an email another customer already holds as a conflict, and moves nothing', async () => {
    await sync({ customers: [{ externalId: 'OWNER-1', email: 'taken@sync.test' }] });
    const clash = await sync({ customers: [{ externalId: 'OTHER-1', email: 'taken@sync.test' }] });
    expect(clash.body.conflicts).toEqual([{ externalId: 'OTHER-1', kind: 'email', value: 'taken@sync.test' }]);
  });

  it('opens a ticket for an external customer id, once however often the CRM retries, with its status by external id', async () => {
    await sync({ customers: [{ externalId: 'CRM-T1', name: 'Ticket Customer', tier: 'vip' }] });
    const body = {
      externalTicketId: 'CASE-1',
      externalCustomerId: 'CRM-T1',
      subject: 'Invoice shows the wrong amount',
      text: 'Billed twice for order 1042.',
      priority: 'high',
    };
    const url = '/api/v1/integrations/tickets';
    const accepted = await harness.api.postAs(url, harness.tokens.dana, body);
    expect(accepted).toMatchObject({ status: 202, body: { status: 'accepted', externalTicketId: 'CASE-1' } });
    expect((await harness.api.get('/api/v1/integrations/tickets/CASE-1', harness.tokens.dana)).status).toBe(404);
    // An agent's token reads no status by external id: it would bypass the ticket scope.
    expect((await harness.api.get('/api/v1/integrations/tickets/CASE-1', harness.tokens.alice)).status).toBe(403);
    expect((await harness.api.postAs(url, harness.tokens.dana, body)).status).toBe(202);

    const outcomes = await ingestOutbox();
    expect(outcomes.map((o) => o.kind)).toEqual(['created', 'duplicate']);
    const status = await harness.api.get<ExternalTicketStatusView>(
      '/api/v1/integrations/tickets/CASE-1',
      harness.tokens.dana,
    );
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'new', priority: 'high' });
    const customer = await harness.api.get<ExternalCustomerStatusView>(
      '/api/v1/integrations/customers/CRM-T1',
      harness.tokens.dana,
    );
    expect(customer.body.tickets.map((t) => t.number)).toEqual([status.body.number]);
    const [ticket] = await harness.db.query<{ tier: string; channel: string }>(
      `SELECT tier, channel FROM tickets WHERE id = $1`,
      [status.body.id],
    );
    expect(ticket).toEqual({ tier: 'vip', channel: 'api' });
    expect((await harness.api.postAs(url, harness.tokens.alice, body)).status).toBe(403);
    expect((await harness.api.postAs(url, harness.tokens.dana, { externalTicketId: 'X' })).status).toBe(400);
  });

  it('documents the integration endpoints in the OpenAPI document, with examples', async () => {
    const doc = await harness.api.get<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>(
      '/api/v1/openapi.json',
    );
    expect(doc.status).toBe(200);
    for (const path of [
      '/api/v1/integrations/customer-sync',
      '/api/v1/integrations/tickets',
      '/api/v1/webhooks',
      '/api/v1/customers/{id}/erasure',
    ]) {
      expect(doc.body.paths[path]).toBeDefined();
    }
    expect(JSON.stringify(doc.body.paths['/api/v1/integrations/customer-sync'])).toContain('ACME-001');
    expect(JSON.stringify(doc.body.paths['/api/v1/integrations/tickets'])).toContain('CASE-2026-0042');
    expect(JSON.stringify(doc.body.paths['/api/v1/webhooks'])).toContain('ticket.resolved');
  });
});
