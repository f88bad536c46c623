import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@switchboard/config';
import { verifyWebhookSignature, WebhookHeaders } from '@switchboard/integrations';
import { openDatabase, type Database } from '@switchboard/persistence';
import {
  bootAppModule,
  createTestDatabase,
  distributedEnv,
  testContext,
  type BootedApp,
  type TestDatabase,
} from '@switchboard/testing';
import { AgentApiAppModule } from '../apps/agent-api/src/agent-api-app.module';

/**
 * The distributed path of a webhook, through the real agent-api service: an agent's status change
 * commits with its outbox row, the service publishes it to Kafka (ticket.events.v1), its webhook
 * consumer (group agent-api.webhooks) records the delivery, its dispatcher signs and POSTs it to a
 * local receiver, which verifies the signature.
 */
describe('webhooks through the agent-api service on Kafka and Postgres', () => {
  let database: TestDatabase;
  let db: Database;
  let booted: BootedApp;
  let receiver: Server;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    database = await createTestDatabase('webhooks_e2e');
    const config = loadConfig(distributedEnv('webhooks-e2e', database.url));
    db = await openDatabase(config);
    process.env['WEBHOOK_POLL_MS'] = '100';
    // The receiver plays on 127.0.0.1, which the default outbound policy refuses.
    process.env['OUTBOUND_ALLOW_PRIVATE_NETWORKS'] = 'true';
    booted = await bootAppModule(AgentApiAppModule.forRoot(config));
  });
  afterAll(async () => {
    delete process.env['WEBHOOK_POLL_MS'];
    delete process.env['OUTBOUND_ALLOW_PRIVATE_NETWORKS'];
    await booted.close();
    await db.close();
    await database.drop();
    receiver.close();
  });

  const call = async <T>(method: 'GET' | 'POST', url: string, token: string | null, payload?: object) => {
    const res = await booted.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.statusCode, body: res.json<T>() };
  };

  it('delivers a signed ticket.resolved for a status change an agent made', async () => {
    const tenant = await testContext(db).newTenant();
    const team = await tenant.team();
    const admin = await tenant.agent({ role: 'admin' });
    const agent = await tenant.agent({ teamId: team.id });
    const login = async (email: string) =>
      (
        await call<{ accessToken: string }>('POST', '/api/v1/auth/token', null, {
          tenant: tenant.slug,
          email,
          password: 'a test password',
        })
      ).body.accessToken;
    const port = (receiver.address() as AddressInfo).port;
    const hook = await call<{ id: string; secret: string }>('POST', '/api/v1/webhooks', await login(admin.email), {
      url: `http://127.0.0.1:${port}/hooks`,
      events: ['ticket.resolved'],
    });
    expect(hook.status).toBe(201);
    const ticket = await tenant.ticket({ teamId: team.id, assigneeId: agent.id, status: 'in_progress' });
    const resolved = await call('POST', `/api/v1/tickets/${ticket.number}/status`, await login(agent.email), {
      status: 'resolved',
    });
    expect(resolved.status).toBe(200);

    for (let i = 0; i < 300 && received.length === 0; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(1);
    const [request] = received;
    if (!request) throw new Error('nothing received');
    const signature = String(request.headers[WebhookHeaders.signature]);
    expect(verifyWebhookSignature(hook.body.secret, signature, request.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(request.body)).toMatchObject({
      event: 'ticket.resolved',
      tenant: tenant.slug,
      ticket: { id: ticket.id, number: ticket.number },
    });
    // The receiver has answered; the dispatcher records the answer right after, in its own statement.
    const deliveryOf = async () =>
      (
        await db.query<{ status: string; last_status_code: number | null }>(
          `SELECT status, last_status_code FROM webhook_deliveries WHERE subscription_id = $1`,
          [hook.body.id],
        )
      )[0];
    let delivery = await deliveryOf();
    for (let i = 0; i < 100 && delivery?.status === 'pending'; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      delivery = await deliveryOf();
    }
    expect(delivery).toEqual({ status: 'delivered', last_status_code: 204 });
  });
});
