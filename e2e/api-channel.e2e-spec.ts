import { loadApiChannelConfig, type CreatedApiChannel, type RotatedSecret } from '@switchboard/channel-api';
import { LocalIntegrator, apiMessage, signedApiRequest } from '@switchboard/channel-api/testing';
import { waitUntil } from '@switchboard/channel-email/testing';
import { loadConfig } from '@switchboard/config';
import { DEMO_PASSWORD, seedDemoTenant } from '@switchboard/demo';
import { newId } from '@switchboard/ids';
import { InProcessTransport } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack';

interface TicketRow {
  id: string;
  number: string;
  assignee_email: string | null;
}

const ADMIN = 'admin@demo.switchboard.local';

/** The no-code API channel end to end: an admin creates it, an integrator writes, an agent answers. */
describe('API channel (signed both ways)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: InProcessTransport;
  let stack: InProcessStack;
  let integrator: LocalIntegrator;
  let channel: CreatedApiChannel;
  let adminToken: string;

  const login = async (email: string): Promise<string> => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { tenant: 'demo', email, password: DEMO_PASSWORD },
    });
    return res.json<{ accessToken: string }>().accessToken;
  };
  const asAdmin = (method: 'GET' | 'POST', url: string, payload?: object) =>
    stack.app.inject({ method, url, payload, headers: { authorization: `Bearer ${adminToken}` } });
  const ticketOf = async (integratorMessageId: string): Promise<TicketRow | undefined> => {
    const rows = await db.query<TicketRow>(
      `SELECT t.id, t.number, a.email AS assignee_email FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
         LEFT JOIN agents a ON a.id = t.assignee_id WHERE m.channel = 'api' AND m.channel_message_id = $1`,
      [`${channel.id}:${integratorMessageId}`],
    );
    return rows[0];
  };
  const storedWith = async (integratorMessageId: string): Promise<number> => {
    const rows = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ticket_messages WHERE channel = 'api' AND channel_message_id = $1`,
      [`${channel.id}:${integratorMessageId}`],
    );
    return rows[0]?.n ?? 0;
  };
  const reply = async (ticket: TicketRow, text: string): Promise<void> => {
    const token = await login(ticket.assignee_email ?? '');
    const posted = await stack.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/replies`,
      headers: { authorization: `Bearer ${token}` },
      payload: { bodyText: text },
    });
    expect(posted.statusCode).toBe(201);
  };
  const routedTicket = (id: string) =>
    waitUntil('a routed API ticket', async () => {
      const t = await ticketOf(id);
      return t?.assignee_email ? t : undefined;
    });

  beforeAll(async () => {
    testDb = await createTestDatabase('api_channel_e2e');
    const env = { DATABASE_URL: testDb.url, JWT_SECRET: 'api-channel-e2e-secret-0123456789abcdef0123' };
    db = await openDatabase(loadConfig(env));
    await seedDemoTenant(db);
    transport = new InProcessTransport();
    integrator = await LocalIntegrator.start();
    stack = await startInProcessStack({
      db,
      transport,
      env,
      features: ['tickets', 'routing', 'agent-api'],
      api: loadApiChannelConfig({
        API_CHANNEL_PUBLIC_URL: 'https://support.example.com',
        API_CHANNEL_DELIVERY_ATTEMPTS: '3',
        API_CHANNEL_DELIVERY_BACKOFF_MS: '1',
        API_CHANNEL_DELIVERY_MAX_BACKOFF_MS: '5',
        // The integrator plays on 127.0.0.1, which the default outbound policy refuses.
        OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
      }),
    });
    adminToken = await login(ADMIN);
    const created = await asAdmin('POST', '/api/v1/channels/api', { name: 'Shop app', outboundUrl: integrator.url });
    expect(created.statusCode).toBe(201);
    channel = created.json<CreatedApiChannel>();
    integrator.trust([channel.secret]);
  }, 60_000);

  afterAll(async () => {
    await stack.close();
    await transport.close();
    await integrator.close();
    await db.close();
    await testDb.drop();
  }, 60_000);

  it('gives the admin an inbound URL and a secret', () => {
    expect(channel.inboundUrl).toBe(`https://support.example.com/api/v1/channels/api/${channel.id}/messages`);
    expect(channel.secret).toMatch(/^whsec_[\w-]{43}$/);
  });

  it('keeps API channels to admins, and names the conflicts', async () => {
    const again = await asAdmin('POST', '/api/v1/channels/api', { name: 'Shop app', outboundUrl: integrator.url });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('api_channel_name_taken');
    const unknown = await asAdmin('POST', `/api/v1/channels/api/${newId()}/rotate-secret`, {});
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('api_channel_not_found');
    const listed = await asAdmin('GET', '/api/v1/channels/api');
    expect(listed.body).not.toContain(channel.secret);
    const agent = await login('alice@demo.switchboard.local');
    const forbidden = await stack.app.inject({
      method: 'GET',
      url: '/api/v1/channels/api',
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('turns a signed message into a routed ticket, and delivers the agent answer signed', async () => {
    const id = `m-${newId()}`;
    const sent = await stack.app.inject(
      signedApiRequest(channel.id, channel.secret, apiMessage(id, '订单 42 还没到 📦')),
    );
    expect(sent.statusCode).toBe(200);
    const ticket = await routedTicket(id);

    await reply(ticket, '已补发，明天送到 🚚');
    const received = await waitUntil('the signed answer at the integrator', async () =>
      integrator.received.find((r) => r.payload.ticket.number === ticket.number),
    );
    expect(received.signatureValid).toBe(true);
    expect(received.payload).toMatchObject({
      text: '已补发，明天送到 🚚',
      conversationId: `conv-${id}`,
      customer: { id: `cust-conv-${id}` },
    });
    const log = await waitUntil('the delivery log', async () => {
      const res = await asAdmin('GET', `/api/v1/channels/api/${channel.id}/deliveries`);
      const rows = res.json<{ deliveries: { outcome: string; ticketId: string }[] }>().deliveries;
      return rows.find((d) => d.ticketId === ticket.id && d.outcome === 'delivered');
    });
    expect(log).toBeDefined();
  }, 60_000);

  it('answers a forged or replayed message 401 and stores nothing', async () => {
    const forgedId = `f-${newId()}`;
    const forged = signedApiRequest(channel.id, 'whsec_not-the-secret', apiMessage(forgedId, 'forged'));
    expect((await stack.app.inject(forged)).statusCode).toBe(401);

    const replayedId = `r-${newId()}`;
    const captured = signedApiRequest(
      channel.id,
      channel.secret,
      apiMessage(replayedId, 'captured six minutes ago'),
      new Date(Date.now() - 6 * 60_000),
    );
    const replayed = await stack.app.inject(captured);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json<{ error: { code: string } }>().error.code).toBe('channel_signature_stale');

    // A message sent afterwards is stored: the two refused ones would have been by now.
    const laterId = `l-${newId()}`;
    await stack.app.inject(signedApiRequest(channel.id, channel.secret, apiMessage(laterId, 'later')));
    await waitUntil('the later message', () => ticketOf(laterId));
    expect(await storedWith(forgedId)).toBe(0);
    expect(await storedWith(replayedId)).toBe(0);
  }, 60_000);

  it('rotates the secret with an overlap: both verify, and answers are signed with both', async () => {
    const rotated = await asAdmin('POST', `/api/v1/channels/api/${channel.id}/rotate-secret`, { overlapSeconds: 3600 });
    expect(rotated.statusCode).toBe(200);
    const { secret } = rotated.json<RotatedSecret>();
    const oldId = `o-${newId()}`;
    const newer = `n-${newId()}`;
    expect(
      (await stack.app.inject(signedApiRequest(channel.id, channel.secret, apiMessage(oldId, 'old')))).statusCode,
    ).toBe(200);
    expect((await stack.app.inject(signedApiRequest(channel.id, secret, apiMessage(newer, 'new')))).statusCode).toBe(
      200,
    );
    const ticket = await routedTicket(newer);
    integrator.trust([secret]);
    await reply(ticket, 'signed with the new secret too');
    await waitUntil('an answer verified with the new secret', async () =>
      integrator.received.find((r) => r.payload.ticket.number === ticket.number),
    );

    const ended = await asAdmin('POST', `/api/v1/channels/api/${channel.id}/rotate-secret`, { overlapSeconds: 0 });
    const latest = ended.json<RotatedSecret>().secret;
    const stale = signedApiRequest(channel.id, secret, apiMessage(`x-${newId()}`, 'old secret after overlap'));
    expect((await stack.app.inject(stale)).statusCode).toBe(401);
    channel = { ...channel, secret: latest };
    integrator.trust([latest]);
  }, 60_000);

  it('retries a failing integrator, logs every attempt, and replays the answer on request', async () => {
    const id = `d-${newId()}`;
    await stack.app.inject(signedApiRequest(channel.id, channel.secret, apiMessage(id, 'please answer')));
    const ticket = await routedTicket(id);
    integrator.failWith(503);
    await reply(ticket, 'this first try fails');
    type Row = { id: string; outcome: string; ticketId: string; attempt: number; httpStatus: number | null };
    const rowsFor = async () => {
      const res = await asAdmin('GET', `/api/v1/channels/api/${channel.id}/deliveries`);
      return res.json<{ deliveries: Row[] }>().deliveries.filter((d) => d.ticketId === ticket.id);
    };
    const rows = await waitUntil('the answer given up', async () => {
      const found = await rowsFor();
      return found.some((d) => d.outcome === 'given_up') ? found : undefined;
    });
    expect(rows.filter((d) => d.outcome === 'failed').map((d) => d.httpStatus)).toEqual([503, 503, 503]);

    integrator.failWith(undefined);
    const failed = rows.find((d) => d.outcome === 'failed');
    const replayed = await asAdmin('POST', `/api/v1/channels/api/${channel.id}/deliveries/${failed?.id ?? ''}/replay`);
    expect(replayed.json()).toEqual({ outcome: 'delivered' });
    expect(integrator.received.find((r) => r.payload.ticket.number === ticket.number)?.payload.text).toBe(
      'this first try fails',
    );
    expect((await rowsFor()).find((d) => d.outcome === 'delivered')?.attempt).toBe(4);
  }, 60_000);
});
