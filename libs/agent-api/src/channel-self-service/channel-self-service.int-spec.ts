import { ChannelSelfServiceClient } from '@switchboard/channel-sdk';
import { CHANNEL_SELF_SERVICE_KEY_PURPOSE, ChannelSelfServicePaths } from '@switchboard/contracts';
import { purposeKey, signedHeaders } from '@switchboard/http';
import { TestTenant } from '@switchboard/testing';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

let h: AgentApiHarness;
let demo: TestTenant;
let key: string;

beforeAll(async () => {
  h = await startAgentApiHarness('channelselfservice');
  demo = new TestTenant(h.db, h.world.demoTenantId, 'demo');
  // No PORTAL_SECRET in the harness: the key derives from JWT_SECRET, as the channel services' does.
  key = purposeKey(h.jwtSecret, CHANNEL_SELF_SERVICE_KEY_PURPOSE);
});
afterAll(async () => h.close());

const fastify = () => h.app.getHttpAdapter().getInstance();

function signed(path: string, body: object, options: { secret?: string; at?: Date; headers?: object } = {}) {
  const payload = JSON.stringify(body);
  return fastify().inject({
    method: 'POST',
    url: path,
    payload,
    headers: {
      'content-type': 'application/json',
      ...signedHeaders(options.secret ?? key, payload, options.at ?? new Date()),
      ...options.headers,
    },
  });
}

let next = 800_000;
async function wechatCustomer(openId: string, verified = true) {
  const customer = await demo.customer({ email: `${openId}@example.test` });
  await h.db.query(
    `INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified) VALUES ($1, 'wechat_openid', $2, $3, $4)`,
    [h.world.demoTenantId, openId, customer.id, verified],
  );
  return customer;
}
const ticketOf = (customerId: string, status: string, subject = 'Washer leaks') =>
  demo.ticket({ customerId, status, channel: 'wechat', subject, number: `SB-${++next}` });

describe('channel self-service endpoints (signed by a channel service)', () => {
  it("answers a verified WeChat customer's open tickets, and one by number only when it is theirs", async () => {
    const customer = await wechatCustomer('oOpen-1');
    const open = await ticketOf(customer.id, 'in_progress', '洗衣机漏水');
    await ticketOf(customer.id, 'closed');
    const stranger = await ticketOf((await demo.customer({ email: 'x@example.test' })).id, 'new');
    const identity = { tenant: 'demo', kind: 'wechat_openid', value: 'oOpen-1' };

    const all = await signed(ChannelSelfServicePaths.tickets, identity);
    expect(all.statusCode).toBe(200);
    expect(all.json<{ tickets: { number: string; subject: string }[] }>().tickets).toEqual([
      expect.objectContaining({ number: open.number, subject: '洗衣机漏水', status: 'in_progress' }),
    ]);
    const theirs = await signed(ChannelSelfServicePaths.tickets, { ...identity, ticketNumber: open.number });
    expect(theirs.json<{ tickets: unknown[] }>().tickets).toHaveLength(1);
    const notTheirs = await signed(ChannelSelfServicePaths.tickets, { ...identity, ticketNumber: stranger.number });
    expect(notTheirs.json<{ tickets: unknown[] }>().tickets).toEqual([]);
  });

  it('reveals nothing for an identity that is not verified', async () => {
    const customer = await wechatCustomer('oUnverified-1', false);
    await ticketOf(customer.id, 'in_progress');
    const answer = await signed(ChannelSelfServicePaths.tickets, {
      tenant: 'demo',
      kind: 'wechat_openid',
      value: 'oUnverified-1',
    });
    expect(answer.json<{ tickets: unknown[] }>().tickets).toEqual([]);
  });

  it('records a rating for the resolved ticket that waits for one, with the channel it came through', async () => {
    const customer = await wechatCustomer('oRate-1');
    const resolved = await ticketOf(customer.id, 'resolved');
    const identity = { tenant: 'demo', kind: 'wechat_openid', value: 'oRate-1' };
    const rated = await signed(ChannelSelfServicePaths.ratings, { ...identity, score: 5, channel: 'wechat' });
    expect(rated.json()).toEqual({ rating: { ticketNumber: resolved.number, score: 5 } });
    const [row] = await h.db.query<{ score: number; channel: string }>(
      `SELECT score, channel FROM csat_ratings WHERE ticket_id = $1`,
      [resolved.id],
    );
    expect(row).toEqual({ score: 5, channel: 'wechat' });
    const again = await signed(ChannelSelfServicePaths.ratings, { ...identity, score: 1, channel: 'wechat' });
    expect(again.json()).toEqual({ rating: null });
  });

  it("speaks a caller's open ticket by the phone number, and a quoted ticket by text through the client", async () => {
    const customer = await demo.customer({ email: 'caller@example.test' });
    await h.db.query(
      `INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified) VALUES ($1, 'phone', '+8613800000077', $2, true)`,
      [h.world.demoTenantId, customer.id],
    );
    const ticket = await ticketOf(customer.id, 'in_progress');
    const spoken = await signed(ChannelSelfServicePaths.phoneStatus, {
      tenant: 'demo',
      phone: '+8613800000077',
      language: 'en-US',
    });
    expect(spoken.json<{ text: string }>().text).toContain(ticket.number);

    // The channel services' own client, over real HTTP.
    await h.app.listen(0, '127.0.0.1');
    const client = new ChannelSelfServiceClient(await h.app.getUrl(), h.jwtSecret);
    const lines = await client.tickets({ tenant: 'demo', kind: 'phone', value: '+8613800000077' }, ticket.number);
    expect(lines.map((l) => l.number)).toEqual([ticket.number]);
    expect(await client.phoneStatus('demo', '+8613800000077', 'zh-CN')).toContain(ticket.number);
    const wrongKey = new ChannelSelfServiceClient(await h.app.getUrl(), 'another-secret-0123456789abcdef0123');
    await expect(wrongKey.phoneStatus('demo', '+8613800000077', 'en')).rejects.toThrow(/answered 401/);
  });

  it('refuses an unsigned, forged or stale request, and an agent token, with 401 and nothing answered', async () => {
    const body = { tenant: 'demo', kind: 'wechat_openid', value: 'oOpen-1' };
    const unsigned = await fastify().inject({ method: 'POST', url: ChannelSelfServicePaths.tickets, payload: body });
    const forged = await signed(ChannelSelfServicePaths.tickets, body, {
      secret: purposeKey('not-the-secret-0123456789abcdef012345', CHANNEL_SELF_SERVICE_KEY_PURPOSE),
    });
    // The portal secret itself (not the derived key) signs nothing here.
    const rawSecret = await signed(ChannelSelfServicePaths.tickets, body, { secret: h.jwtSecret });
    const stale = await signed(ChannelSelfServicePaths.tickets, body, { at: new Date(Date.now() - 10 * 60_000) });
    const agent = await fastify().inject({
      method: 'POST',
      url: ChannelSelfServicePaths.tickets,
      payload: body,
      headers: { authorization: `Bearer ${h.tokens.dana}` },
    });
    for (const answer of [unsigned, forged, rawSecret, stale, agent]) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json<{ error: { code: string } }>().error.code).toBe('invalid_service_signature');
    }
    const invalid = await signed(ChannelSelfServicePaths.ratings, { ...body, score: 9, channel: 'wechat' });
    expect(invalid.statusCode).toBe(400);
  });
});
