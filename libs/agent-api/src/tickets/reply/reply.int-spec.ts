import { decodeOutboundMessage, Topics } from '@switchboard/contracts';
import { startAgentApiHarness, type AgentApiHarness } from '../../testing/agent-api.harness';
import { factory } from '../../testing/agent-api.factory';

interface ReplyBody {
  reply: { id: string; ticketNumber: string; direction: string; subject: string; deliveryStatus: string };
}
interface ErrorBody {
  error: { code: string };
}

describe('POST /api/v1/tickets/:ref/replies', () => {
  let h: AgentApiHarness;
  const customerAddress = 'wang.fang@customer.test';

  beforeAll(async () => {
    h = await startAgentApiHarness('reply');
    const ticketId = h.world.tickets.get('SB-000001') ?? '';
    const [ticket] = await h.db.query<{ customer_id: string }>(`SELECT customer_id FROM tickets WHERE id = $1`, [
      ticketId,
    ]);
    await h.db.query(
      `INSERT INTO customer_identities (tenant_id, kind, value, customer_id) VALUES ($1, 'email', $2, $3)`,
      [h.world.demoTenantId, customerAddress, ticket?.customer_id],
    );
    for (const [id, at] of [
      ['<first@customer.test>', '2026-01-01T10:00:00Z'],
      ['<second@customer.test>', '2026-01-01T11:00:00Z'],
    ] as const) {
      await h.db.query(
        `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, body_text, received_at)
         VALUES (gen_random_uuid(), $1, $2, 'inbound', 'email', $3, 'hello', $4)`,
        [h.world.demoTenantId, ticketId, id, at],
      );
    }
  });
  afterAll(() => h.close());

  it('writes the outbound message, its audit event and the OutboundMessage for the email channel together', async () => {
    const answer = await h.api.postAs<ReplyBody>('/api/v1/tickets/SB-000001/replies', h.tokens.alice, {
      bodyText: 'Please restart the printer.',
    });
    expect(answer.status).toBe(201);
    const { reply } = answer.body;
    expect(reply).toMatchObject({ ticketNumber: 'SB-000001', direction: 'outbound', deliveryStatus: 'pending' });
    expect(reply.subject).toBe('Re: Subject of SB-000001');

    const [stored] = await h.db.query<{ direction: string; body_text: string; metadata: { deliveryStatus: string } }>(
      `SELECT direction, body_text, metadata FROM ticket_messages WHERE id = $1`,
      [reply.id],
    );
    expect(stored).toMatchObject({ direction: 'outbound', body_text: 'Please restart the printer.' });
    expect(stored?.metadata.deliveryStatus).toBe('pending');

    const events = await h.db.query<{
      actor_kind: string;
      actor_id: string;
      source: string;
      data: { messageId: string };
    }>(
      `SELECT actor_kind, actor_id, source, data FROM ticket_events WHERE type = 'message_appended' AND data->>'messageId' = $1`,
      [reply.id],
    );
    expect(events).toEqual([
      expect.objectContaining({ actor_kind: 'agent', actor_id: h.world.agents.alice, source: 'agent_api' }),
    ]);

    const [outbox] = await h.db.query<{ key: string; payload: Buffer }>(
      `SELECT key, payload FROM outbox WHERE topic = $1`,
      [Topics.outboundEmail],
    );
    const outbound = decodeOutboundMessage(new Uint8Array(outbox?.payload ?? Buffer.alloc(0)));
    expect(outbox?.key).toBe('conversation-SB-000001');
    expect(outbound).toMatchObject({
      messageId: reply.id,
      tenant: 'demo',
      ticketNumber: 'SB-000001',
      bodyText: 'Please restart the printer.',
      inReplyTo: '<second@customer.test>',
      agentId: h.world.agents.alice,
    });
    // Every earlier inbound message of the ticket's channel, oldest first (the world has one more before ours).
    expect(outbound.references.slice(-2)).toEqual(['<first@customer.test>', '<second@customer.test>']);
    expect(outbound.recipient?.email).toBe(customerAddress);
  });

  it('answers 404 to a caller who may not see the ticket and writes nothing', async () => {
    const bob = await h.api.postAs<ErrorBody>('/api/v1/tickets/SB-000001/replies', h.tokens.bob, { bodyText: 'hi' });
    expect(bob.status).toBe(404);
    expect(bob.body.error.code).toBe('ticket_not_found');
    const written = await h.db.query(`SELECT 1 FROM ticket_messages WHERE direction = 'outbound' AND body_text = 'hi'`);
    expect(written).toHaveLength(0);
  });

  it('rejects an empty reply with the field named', async () => {
    const answer = await h.api.postAs<ErrorBody & { error: { fields: { field: string }[] } }>(
      '/api/v1/tickets/SB-000001/replies',
      h.tokens.alice,
      { bodyText: '   ' },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(answer.body.error.fields.map((f) => f.field)).toContain('bodyText');
  });

  it('answers 422 no_recipient when the customer has no address on the ticket channel', async () => {
    const customerId = await factory.customer(h.db, h.world.demoTenantId, 'Nobody');
    await factory.ticket(h.db, {
      tenantId: h.world.demoTenantId,
      customerId,
      number: 'SB-000500',
      createdAt: '2026-02-01T10:00:00Z',
      assigneeId: h.world.agents.alice,
    });
    const answer = await h.api.postAs<ErrorBody>('/api/v1/tickets/SB-000500/replies', h.tokens.alice, {
      bodyText: 'hi',
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('no_recipient');
    const rows = await h.db.query(
      `SELECT 1 FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.number = 'SB-000500'`,
    );
    expect(rows).toHaveLength(0);
  });
});
