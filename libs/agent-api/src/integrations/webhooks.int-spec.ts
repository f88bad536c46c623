import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeTicketEvent } from '@switchboard/contracts';
import {
  DispatchWebhooksUseCase,
  EnqueueWebhookDeliveriesUseCase,
  HttpWebhookSender,
  ManageWebhooksUseCase,
  verifyWebhookSignature,
  WebhookHeaders,
  type WebhookDeliveryView,
  type WebhookSubscriptionView,
} from '@switchboard/integrations';
import { lifecycleTicket } from '../testing/lifecycle.fixtures';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local receiver that answers the queued status codes in turn (then 200) and keeps every request. */
async function startReceiver(statuses: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, server };
}

describe('outbound webhooks on real Postgres: signed, retried with backoff, logged, replayed, disabled', () => {
  let harness: AgentApiHarness;
  let enqueue: EnqueueWebhookDeliveriesUseCase;
  const servers: Server[] = [];
  /** Scheduling time of the dispatcher: moved forward instead of waiting for the backoff. */
  let clock = new Date('2026-03-01T08:00:00Z');
  const later = (minutes: number): Date => (clock = new Date(clock.getTime() + minutes * 60_000));

  const dispatcher = (disableAfterFailures = 50) =>
    new DispatchWebhooksUseCase(harness.db, new HttpWebhookSender(5_000, { allowPrivateNetworks: true }), {
      batchSize: 50,
      disableAfterFailures,
      leaseMs: 30_000,
    });

  /** What the outbox relay would publish: the harness keeps the rows, this hands them to the consumer's use-case. */
  const relayTicketEvents = async (ticketId: string): Promise<number> => {
    const rows = await harness.db.query<{ payload: Buffer }>(
      `SELECT payload FROM outbox WHERE key = $1 AND topic = 'ticket.events.v1' ORDER BY id`,
      [ticketId],
    );
    return enqueue.execute(
      rows.map((r) => decodeTicketEvent(new Uint8Array(r.payload))),
      clock,
    );
  };

  const subscribe = async (url: string, events: string[]) => {
    const answer = await harness.api.postAs<WebhookSubscriptionView & { secret: string }>(
      '/api/v1/webhooks',
      harness.tokens.dana,
      { url, events, description: 'test receiver' },
    );
    expect(answer.status).toBe(201);
    return answer.body;
  };

  beforeAll(async () => {
    // The receivers play on 127.0.0.1, which the default outbound policy refuses (tested below).
    process.env['OUTBOUND_ALLOW_PRIVATE_NETWORKS'] = 'true';
    harness = await startAgentApiHarness('integrations_webhooks');
    enqueue = new EnqueueWebhookDeliveriesUseCase(harness.db);
  });
  afterAll(async () => {
    delete process.env['OUTBOUND_ALLOW_PRIVATE_NETWORKS'];
    for (const server of servers) server.close();
    await harness.close();
  });

  it('delivers a signed ticket.resolved the receiver verifies, after two failed attempts, and logs all three', async () => {
    const receiver = await startReceiver([500, 503]);
    servers.push(receiver.server);
    const hook = await subscribe(receiver.url, ['ticket.resolved']);
    expect(hook.secret).toMatch(/^whsec_/);

    const ticket = await lifecycleTicket(harness, { status: 'in_progress' });
    const resolved = await harness.api.postAs(`/api/v1/tickets/${ticket.number}/status`, harness.tokens.alice, {
      status: 'resolved',
    });
    expect(resolved.status).toBe(200);
    // The resolution's event left through the outbox: one delivery, for ticket.resolved only.
    expect(await relayTicketEvents(ticket.id)).toBe(1);
    // A redelivered batch adds nothing.
    expect(await relayTicketEvents(ticket.id)).toBe(0);

    const sender = dispatcher();
    expect(await sender.execute(later(0))).toMatchObject({ attempted: 1, delivered: 0 });
    // Not due again yet: the backoff holds it.
    expect(await sender.execute(later(0))).toMatchObject({ attempted: 0 });
    expect(await sender.execute(later(10))).toMatchObject({ attempted: 1, delivered: 0 });
    expect(await sender.execute(later(10))).toMatchObject({ attempted: 1, delivered: 1 });
    expect(await sender.execute(later(600))).toMatchObject({ attempted: 0 });

    expect(receiver.received).toHaveLength(3);
    const last = receiver.received[2];
    if (!last) throw new Error('no third request');
    const signature = String(last.headers[WebhookHeaders.signature]);
    expect(verifyWebhookSignature(hook.secret, signature, last.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', signature, last.body, Math.floor(Date.now() / 1000))).toBe(false);
    expect(last.headers[WebhookHeaders.event]).toBe('ticket.resolved');
    const body = JSON.parse(last.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      event: 'ticket.resolved',
      tenant: 'demo',
      ticket: { id: ticket.id, number: ticket.number },
      actor: { kind: 'agent', id: harness.world.agents.alice },
      data: { from: 'in_progress' },
    });
    // One delivery id across the retries: the receiver's idempotency key.
    expect(new Set(receiver.received.map((r) => r.headers[WebhookHeaders.delivery])).size).toBe(1);
    expect(body['id']).toBe(last.headers[WebhookHeaders.delivery]);

    const log = await harness.api.get<WebhookDeliveryView[]>(
      `/api/v1/webhooks/${hook.id}/deliveries`,
      harness.tokens.dana,
    );
    expect(log.status).toBe(200);
    expect(log.body).toHaveLength(1);
    expect(log.body[0]).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 200,
      event: 'ticket.resolved',
    });
    expect(log.body[0]?.attemptLog.map((a) => a.statusCode)).toEqual([500, 503, 200]);
  });

  it('sends nothing for a change that was refused and rolled back', async () => {
    const receiver = await startReceiver([]);
    servers.push(receiver.server);
    await subscribe(receiver.url, ['ticket.status_changed', 'ticket.resolved']);
    const ticket = await lifecycleTicket(harness, { status: 'closed' });
    const refused = await harness.api.postAs(`/api/v1/tickets/${ticket.number}/status`, harness.tokens.alice, {
      status: 'resolved',
    });
    expect(refused.status).toBe(409);
    expect(await relayTicketEvents(ticket.id)).toBe(0);
  });

  it('sends a status change to both its events, and only to subscriptions that chose them', async () => {
    const both = await startReceiver([]);
    const assignedOnly = await startReceiver([]);
    servers.push(both.server, assignedOnly.server);
    await subscribe(both.url, ['ticket.status_changed', 'ticket.resolved']);
    await subscribe(assignedOnly.url, ['ticket.assigned']);
    const ticket = await lifecycleTicket(harness, { status: 'in_progress' });
    await harness.api.postAs(`/api/v1/tickets/${ticket.number}/status`, harness.tokens.alice, { status: 'resolved' });
    await relayTicketEvents(ticket.id);
    await dispatcher().execute(later(1));
    const events = both.received
      .filter((r) => (JSON.parse(r.body) as { ticket: { id: string } }).ticket.id === ticket.id)
      .map((r) => r.headers[WebhookHeaders.event])
      .sort();
    expect(events).toEqual(['ticket.resolved', 'ticket.status_changed']);
    expect(assignedOnly.received).toHaveLength(0);
  });

  it('disables a subscription after repeated failures, with the reason, and a replay sends again once it is on', async () => {
    const receiver = await startReceiver([500, 500, 500]);
    servers.push(receiver.server);
    const hook = await subscribe(receiver.url, ['ticket.status_changed']);
    const ticket = await lifecycleTicket(harness, { status: 'assigned' });
    await harness.api.postAs(`/api/v1/tickets/${ticket.number}/status`, harness.tokens.alice, {
      status: 'in_progress',
    });
    await relayTicketEvents(ticket.id);
    const sender = dispatcher(3);
    for (let i = 0; i < 3; i += 1) await sender.execute(later(30));
    const disabled = await harness.api.get<WebhookSubscriptionView>(`/api/v1/webhooks/${hook.id}`, harness.tokens.dana);
    expect(disabled.body).toMatchObject({
      status: 'disabled',
      consecutiveFailures: 3,
      disabledReason: 'disabled after 3 failed attempts in a row',
    });
    // Disabled: nothing more is sent, however much time passes.
    expect(await sender.execute(later(60))).toMatchObject({ attempted: 0 });

    const [delivery] = (
      await harness.api.get<WebhookDeliveryView[]>(`/api/v1/webhooks/${hook.id}/deliveries`, harness.tokens.dana)
    ).body;
    if (!delivery) throw new Error('no delivery');
    const enabled = await harness.api.patchAs(`/api/v1/webhooks/${hook.id}`, harness.tokens.dana, { status: 'active' });
    expect(enabled.body).toMatchObject({ status: 'active', consecutiveFailures: 0, disabledReason: null });
    const replayed = await harness.api.postAs<WebhookDeliveryView>(
      `/api/v1/webhooks/${hook.id}/deliveries/${delivery.id}/replay`,
      harness.tokens.dana,
      {},
    );
    expect(replayed).toMatchObject({ status: 202, body: { status: 'pending' } });
    expect(await sender.execute(new Date())).toMatchObject({ attempted: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(4);
  });

  it('lets only admins manage webhooks and validates the subscription', async () => {
    const { api, tokens } = harness;
    expect((await api.get('/api/v1/webhooks', tokens.carol)).status).toBe(403);
    expect(
      (await api.postAs('/api/v1/webhooks', tokens.alice, { url: 'https://x.example', events: ['ticket.created'] }))
        .status,
    ).toBe(403);
    const bad = await api.postAs<{ error: { code: string; fields: { field: string }[] } }>(
      '/api/v1/webhooks',
      tokens.dana,
      {
        url: 'ftp://x.example',
        events: ['ticket.exploded'],
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f) => f.field).sort()).toEqual(['events.0', 'url']);
    const list = await api.get<WebhookSubscriptionView[]>('/api/v1/webhooks', tokens.dana);
    expect(list.body.length).toBeGreaterThan(0);
    expect(list.body.every((w) => !('secret' in w))).toBe(true);
    // Another tenant's admin sees none of them.
    const other = await api.get<WebhookSubscriptionView[]>('/api/v1/webhooks', tokens.eve);
    expect(other.status === 403 || other.body.length === 0).toBe(true);
    const first = list.body[0];
    if (!first) throw new Error('no webhook');
    expect((await api.deleteAs(`/api/v1/webhooks/${first.id}`, tokens.dana)).status).toBe(200);
    expect((await api.get(`/api/v1/webhooks/${first.id}`, tokens.dana)).status).toBe(404);
  });

  it('refuses, under the default policy, subscriptions to private addresses and sends nothing to them', async () => {
    const manage = new ManageWebhooksUseCase(harness.db, { allowPrivateNetworks: false });
    const tenant = harness.world.demoTenantId;
    const before = await harness.db.query(`SELECT id FROM webhook_subscriptions WHERE tenant_id = $1`, [tenant]);
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost:6379/',
      'http://[::1]/',
      'http://10.0.0.5/',
    ]) {
      await expect(
        manage.create(tenant, harness.world.agents.dana, { url, events: ['ticket.created'] }),
      ).rejects.toMatchObject({ code: 'webhook_url_not_allowed', kind: 'invalid' });
    }
    const made = await manage.create(tenant, harness.world.agents.dana, {
      url: 'https://crm.example.com/hooks',
      events: ['ticket.created'],
    });
    await expect(manage.update(tenant, made.id, { url: 'http://127.0.0.1:5432/' })).rejects.toMatchObject({
      code: 'webhook_url_not_allowed',
    });
    expect((await manage.get(tenant, made.id)).url).toBe('https://crm.example.com/hooks');
    expect((await harness.db.query(`SELECT id FROM webhook_subscriptions WHERE tenant_id = $1`, [tenant])).length).toBe(
      before.length + 1,
    );
    // A name that resolves to a private address is refused at connect time, and the attempt is logged.
    const sent = await new HttpWebhookSender(5_000, { allowPrivateNetworks: false }).send({
      url: 'http://localhost./hooks',
      headers: {},
      body: '{}',
    });
    expect(sent.statusCode).toBeNull();
    expect(sent.error).toContain('not a public address');
    await manage.remove(tenant, made.id);
  });
});
