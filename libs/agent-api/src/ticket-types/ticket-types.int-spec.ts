import { decodeTicketEvent, Topics } from '@switchboard/contracts';
import { testContext } from '@switchboard/testing';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

interface ErrorBody {
  error: { code: string; fields?: { field: string; reason: string }[] };
}
interface FieldsBody {
  ticketType: string | null;
  incomplete: boolean;
  missingFields: string[];
  fields: Record<string, unknown>;
}

const reasonsOf = (body: unknown) =>
  Object.fromEntries(((body as ErrorBody).error.fields ?? []).map((f) => [f.field, f.reason]));

describe('ticket types API on real Postgres', () => {
  let h: AgentApiHarness;
  const ticketId = (number: string): string => {
    const id = h.world.tickets.get(number);
    if (!id) throw new Error(`no ticket ${number}`);
    return id;
  };

  beforeAll(async () => {
    h = await startAgentApiHarness('ticket-types-api');
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists the seeded types with their templates and layouts to any agent', async () => {
    const answer = await h.api.get<{
      ticketTypes: { key: string; reviewRequired: boolean; reviewerRole: string | null }[];
    }>('/api/v1/ticket-types', h.tokens.alice);
    expect(answer.status).toBe(200);
    expect(answer.body.ticketTypes.map((t) => t.key).sort()).toEqual(
      ['approval', 'it_request', 'project_task', 'repair', 'return', 'supplier_issue'].sort(),
    );
    expect(answer.body.ticketTypes.find((t) => t.key === 'approval')).toMatchObject({
      reviewRequired: true,
      reviewerRole: 'manager',
    });
    const repair = await h.api.get<{ fieldSchema: { required: string[] }; layout: unknown[] }>(
      '/api/v1/ticket-types/repair',
      h.tokens.bob,
    );
    expect(repair.body.fieldSchema.required).toEqual(['product_model', 'fault']);
    expect(repair.body.layout).toHaveLength(2);
  });

  it('keeps types per tenant: the other tenant sees none of the demo types', async () => {
    const answer = await h.api.get<ErrorBody>('/api/v1/ticket-types/repair', h.tokens.eve);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('ticket_type_not_found');
  });

  it('lets only admins save a template, and checks the template first', async () => {
    // A tenant of its own, so the demo tenant keeps exactly its seeded types.
    const tenant = await testContext(h.db).newTenant();
    const login = async (role: 'manager' | 'admin') => {
      const { email, password } = await tenant.agent({ role });
      return h.api.tokenFor(email, password ?? '', tenant.slug);
    };
    const tokens = { manager: await login('manager'), admin: await login('admin') };
    const body = {
      name: 'Warranty claim',
      fieldSchema: {
        type: 'object',
        properties: { receipt_no: { type: 'string' }, bought_on: { type: 'string', format: 'date' } },
        required: ['receipt_no'],
      },
      layout: [{ section: 'claim', title: 'Claim', fields: ['receipt_no', 'bought_on'] }],
    };
    expect((await h.api.put('/api/v1/ticket-types/warranty', body, tokens.manager)).status).toBe(403);
    const bad = await h.api.put<ErrorBody>(
      '/api/v1/ticket-types/warranty',
      { ...body, fieldSchema: { type: 'object', properties: { receipt_no: { type: 'string', format: 'email' } } } },
      tokens.admin,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_template');
    expect(reasonsOf(bad.body)).toHaveProperty(['fieldSchema.properties.receipt_no'], 'invalid_template');
    const created = await h.api.put('/api/v1/ticket-types/warranty', body, tokens.admin);
    expect(created.status).toBe(201);
    const updated = await h.api.put<{ name: string }>(
      '/api/v1/ticket-types/warranty',
      { ...body, name: 'Warranty claim / 保修' },
      tokens.admin,
    );
    expect(updated.status).toBe(200);
    expect(updated.body.name).toBe('Warranty claim / 保修');
  });

  it('refuses invalid values with one reason per field and leaves the ticket alone', async () => {
    const answer = await h.api.put<ErrorBody>(
      '/api/v1/tickets/SB-000001/fields',
      {
        typeKey: 'repair',
        fields: { product_model: 'X1', fault: 'No power', under_warranty: 'maybe', preferred_date: '2026-13-01' },
      },
      h.tokens.alice,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_fields');
    expect(reasonsOf(answer.body)).toEqual({ under_warranty: 'not_allowed', preferred_date: 'invalid_date' });
    const rows = await h.db.query<{ type_id: string | null }>(`SELECT type_id FROM tickets WHERE id = $1`, [
      ticketId('SB-000001'),
    ]);
    expect(rows[0]?.type_id).toBeNull();
  });

  it('does not let a complete ticket miss a required field', async () => {
    const answer = await h.api.put(
      '/api/v1/tickets/SB-000001/fields',
      { typeKey: 'repair', fields: {} },
      h.tokens.alice,
    );
    expect(answer.status).toBe(400);
    expect(reasonsOf(answer.body)).toEqual({ product_model: 'required', fault: 'required' });
  });

  it('shows the fields of a ticket without a type as none', async () => {
    const answer = await h.api.get<FieldsBody>('/api/v1/tickets/SB-000001/fields', h.tokens.alice);
    expect(answer.body).toMatchObject({ ticketType: null, fields: {}, incomplete: false, missingFields: [] });
    expect((await h.api.get('/api/v1/tickets/SB-000001/fields', h.tokens.bob)).status).toBe(404);
  });

  it('answers 404 for a ticket the caller may not see', async () => {
    const answer = await h.api.put('/api/v1/tickets/SB-000001/fields', { typeKey: 'repair', fields: {} }, h.tokens.bob);
    expect(answer.status).toBe(404);
  });

  it('fills an incomplete ticket step by step, clears the flag, and audits every change', async () => {
    const id = ticketId('SB-000002');
    await h.db.query(
      `UPDATE tickets SET status = 'in_progress', incomplete = true, type_id = (SELECT id FROM ticket_types WHERE key = 'repair' AND tenant_id = $2)
        WHERE id = $1`,
      [id, h.world.demoTenantId],
    );
    const resolve = () => h.api.postAs('/api/v1/tickets/SB-000002/status', h.tokens.alice, { status: 'resolved' });
    expect(await resolve()).toMatchObject({ status: 409, body: { error: { code: 'ticket_incomplete' } } });
    const before = await h.api.get<FieldsBody>('/api/v1/tickets/SB-000002/fields', h.tokens.alice);
    expect(before.body).toMatchObject({
      ticketType: 'repair',
      incomplete: true,
      missingFields: ['product_model', 'fault'],
    });
    await h.db.query('DELETE FROM outbox');
    const first = await h.api.put<FieldsBody>(
      `/api/v1/tickets/${id}/fields`,
      { fields: { product_model: 'Washer W7' } },
      h.tokens.alice,
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ticketType: 'repair', incomplete: true, missingFields: ['fault'] });
    expect(first.body.fields).toMatchObject({ product_model: 'Washer W7', under_warranty: 'unknown' });
    const second = await h.api.put<FieldsBody>(
      '/api/v1/tickets/SB-000002/fields',
      { fields: { fault: 'Leaks water', symptoms: ['leak'] } },
      h.tokens.alice,
    );
    expect(second.body).toMatchObject({ incomplete: false, missingFields: [] });
    expect((await resolve()).status).toBe(200);
    const ticket = await h.db.query<{ incomplete: boolean; custom_fields: Record<string, unknown> }>(
      `SELECT incomplete, custom_fields FROM tickets WHERE id = $1`,
      [id],
    );
    expect(ticket[0]).toEqual({
      incomplete: false,
      custom_fields: {
        product_model: 'Washer W7',
        under_warranty: 'unknown',
        fault: 'Leaks water',
        symptoms: ['leak'],
      },
    });
    const events = await h.db.query<{ source: string; actor_id: string; data: Record<string, unknown> }>(
      `SELECT source, actor_id, data FROM ticket_events WHERE ticket_id = $1 AND type = 'fields_changed' ORDER BY occurred_at`,
      [id],
    );
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      source: 'agent_api',
      actor_id: h.world.agents.alice,
      data: {
        before: { ticketType: 'repair', incomplete: true, fields: { fault: null, symptoms: null } },
        after: { ticketType: 'repair', incomplete: false, fields: { fault: 'Leaks water', symptoms: ['leak'] } },
      },
    });
    const outbox = await h.db.query<{ topic: string; payload: Buffer }>(
      `SELECT topic, payload FROM outbox ORDER BY id`,
    );
    const changes = outbox
      .filter((r) => r.topic === Topics.ticketEvents)
      .map((r) => decodeTicketEvent(new Uint8Array(r.payload)))
      .filter((e) => e.payload.case === 'fieldsChanged');
    expect(changes).toHaveLength(2);
  });

  it('checks that a customer reference names a customer of the tenant', async () => {
    const [customer] = await h.db.query<{ id: string }>(`SELECT id FROM customers WHERE tenant_id = $1 LIMIT 1`, [
      h.world.demoTenantId,
    ]);
    const [foreign] = await h.db.query<{ id: string }>(`SELECT id FROM customers WHERE tenant_id <> $1 LIMIT 1`, [
      h.world.demoTenantId,
    ]);
    const fields = { project: 'ERP rollout', deliverable: 'Go-live checklist', due_date: '2026-03-01' };
    const unknown = await h.api.put(
      '/api/v1/tickets/SB-000008/fields',
      { typeKey: 'project_task', fields: { ...fields, client: foreign?.id } },
      h.tokens.carol,
    );
    expect(unknown.status).toBe(400);
    expect(reasonsOf(unknown.body)).toEqual({ client: 'unknown_customer' });
    const known = await h.api.put<FieldsBody>(
      '/api/v1/tickets/SB-000008/fields',
      { typeKey: 'project_task', fields: { ...fields, client: customer?.id } },
      h.tokens.carol,
    );
    expect(known.status).toBe(200);
    expect(known.body.fields['client']).toBe(customer?.id);
  });
});
