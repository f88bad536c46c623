import { ChannelSelfServiceUseCase } from '@switchboard/self-service';
import { TestTenant } from '@switchboard/testing';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

let h: AgentApiHarness;
let demo: TestTenant;
let selfService: ChannelSelfServiceUseCase;

beforeAll(async () => {
  h = await startAgentApiHarness('channel_self_service');
  demo = new TestTenant(h.db, h.world.demoTenantId, 'demo');
  selfService = h.app.get(ChannelSelfServiceUseCase);
});
afterAll(async () => h.close());

let next = 700_000;
async function wechatCustomer(openId: string, verified: boolean): Promise<string> {
  const customer = await demo.customer();
  await h.db.query(
    `INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified) VALUES ($1, 'wechat_openid', $2, $3, $4)`,
    [h.world.demoTenantId, openId, customer.id, verified],
  );
  return customer.id;
}
const ticketOf = (customerId: string, status: string) =>
  demo.ticket({ customerId, status, channel: 'wechat', number: `SB-${++next}`, subject: `问题 ${next}` });
const me = (value: string) => ({ tenant: 'demo', kind: 'wechat_openid' as const, value });

/** WeChat's self-service against the ticket domain: only a verified identity sees or rates anything. */
describe('ChannelSelfServiceUseCase', () => {
  it('lists the verified customer’s open tickets with status words, and one ticket only when it is theirs', async () => {
    const customerId = await wechatCustomer('o-mei', true);
    const open = await ticketOf(customerId, 'in_progress');
    await ticketOf(customerId, 'closed');
    const someoneElse = await ticketOf((await demo.customer()).id, 'new');

    const lines = await selfService.ticketsOf(me('o-mei'));
    expect(lines.map((l) => [l.number, l.status, l.statusText.zh])).toEqual([[open.number, 'in_progress', '处理中']]);
    expect(await selfService.ticketsOf(me('o-mei'), open.number.toLowerCase())).toHaveLength(1);
    expect(await selfService.ticketsOf(me('o-mei'), someoneElse.number)).toEqual([]);
  });

  it('shows nothing to an unverified identity or another tenant', async () => {
    const customerId = await wechatCustomer('o-claimed', false);
    await ticketOf(customerId, 'new');
    expect(await selfService.ticketsOf(me('o-claimed'))).toEqual([]);
    expect(await selfService.ticketsOf({ ...me('o-mei'), tenant: 'no-such-tenant' })).toEqual([]);
    expect(await selfService.rate(me('o-claimed'), 5)).toBeUndefined();
  });

  it('rates the resolved ticket waiting for a score once, under the wechat channel', async () => {
    const customerId = await wechatCustomer('o-rater', true);
    expect(await selfService.rate(me('o-rater'), 5)).toBeUndefined();
    const resolved = await ticketOf(customerId, 'resolved');
    expect(await selfService.rate(me('o-rater'), 4)).toEqual({ ticketNumber: resolved.number, score: 4 });
    expect(await selfService.rate(me('o-rater'), 5)).toBeUndefined();
    const rows = await h.db.query<{ score: number; channel: string }>(
      `SELECT score, channel FROM csat_ratings WHERE ticket_id = $1`,
      [resolved.id],
    );
    expect(rows).toEqual([{ score: 4, channel: 'wechat' }]);
  });
});
