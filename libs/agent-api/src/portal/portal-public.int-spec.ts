import { InMemoryCapacityStore } from '@switchboard/coordination';
import { newId } from '@switchboard/ids';
import { inboundMessage, testContext } from '@switchboard/testing';
import { IngestInboundMessagesUseCase, TenantDirectory, validateInboundMessage } from '@switchboard/tickets';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

let h: AgentApiHarness;
let ingest: IngestInboundMessagesUseCase;

beforeAll(async () => {
  h = await startAgentApiHarness('portal-public');
  ingest = new IngestInboundMessagesUseCase({
    db: h.db,
    tenants: new TenantDirectory(),
    capacity: new InMemoryCapacityStore(),
  });
});
afterAll(async () => h.close());

describe('public portal reads behind the web form', () => {
  it('names an existing tenant and answers 404 unknown_tenant for any other slug', async () => {
    const known = await h.api.get<{ slug: string; name: string }>('/api/v1/portal/tenants/demo');
    expect(known.status).toBe(200);
    expect(known.body.slug).toBe('demo');
    expect(known.body.name.length).toBeGreaterThan(0);
    const unknown = await h.api.get<{ error: { code: string } }>('/api/v1/portal/tenants/no-such-desk');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_tenant');
    expect((await h.api.get('/api/v1/portal/tenants/Not%20A%20Slug')).status).toBe(400);
  });

  it("answers a submission's stored outcome, a refusal with its reason, and 404 for an id without a receipt", async () => {
    const acme = await testContext(h.db).newTenant();
    const accepted = acme.inboundMessage({ subject: 'Dryer is noisy' });
    const typo = inboundMessage({ tenant: 'demoo' });
    await ingest.execute({ messages: [accepted, typo].map(validateInboundMessage), refused: [] });

    const created = await h.api.get<Record<string, unknown>>(
      `/api/v1/portal/tenants/${acme.slug}/submissions/${accepted.messageId}`,
    );
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ messageId: accepted.messageId, outcome: 'created', channel: 'web' });
    expect(created.body['ticketNumber']).toMatch(/^[A-Z]+-\d+$/);
    expect(created.body).not.toHaveProperty('tenantSlug');
    expect(created.body['ticketId']).toMatch(/^[0-9a-f-]{36}$/);

    const refused = await h.api.get(`/api/v1/portal/tenants/demoo/submissions/${typo.messageId}`);
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ outcome: 'rejected', rejectReason: 'unknown_tenant', ticketNumber: null });

    // Another tenant's slug does not reach this tenant's receipt.
    expect((await h.api.get(`/api/v1/portal/tenants/demo/submissions/${accepted.messageId}`)).status).toBe(404);
    const pending = await h.api.get<{ error: { code: string } }>(`/api/v1/portal/tenants/demo/submissions/${newId()}`);
    expect(pending.status).toBe(404);
    expect(pending.body.error.code).toBe('submission_unknown');
    expect((await h.api.get('/api/v1/portal/tenants/demo/submissions/not-a-uuid')).status).toBe(400);
  });
});
