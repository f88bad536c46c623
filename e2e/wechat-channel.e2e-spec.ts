import { BusRecorder } from '@switchboard/channel-sdk/testing';
import { waitUntil } from '@switchboard/channel-email/testing';
import {
  InMemoryWechatSharedStore,
  ReplyWindowTracker,
  WechatMessageCrypto,
  loadWechatChannelConfig,
  parseWechatXml,
  textOf,
  wechatConversationKey,
} from '@switchboard/channel-wechat';
import {
  FakeWechatApi,
  oaTextXml,
  signedKfCallback,
  signedOaRequest,
  type WechatCallbackRequest,
} from '@switchboard/channel-wechat/testing';
import { loadConfig } from '@switchboard/config';
import { DeliveryReport_Status, Topics } from '@switchboard/contracts';
import { DEMO_PASSWORD, seedDemoTenant } from '@switchboard/demo';
import { newId } from '@switchboard/ids';
import { InProcessTransport } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack';

const OA = {
  id: 'demo-oa',
  appId: 'wx5823bf96d3bd56c7',
  appSecret: 'oa-secret',
  token: 'tok-demo',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  originalId: 'gh_demo',
};
const KF = {
  id: 'demo-kf',
  corpId: 'ww-demo',
  secret: 'kf-secret',
  token: 'tok-kf',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
const TEMPLATE_ID = 'tmpl-reply-42';
const HOUR = 3_600_000;

interface TicketRow {
  id: string;
  number: string;
  status: string;
  assignee_email: string | null;
}

/**
 * The WeChat channel end to end in the embedded stack: signed safe-mode callbacks become routed
 * tickets, agents' replies reach the fake WeChat / WeCom APIs (inside the 48-hour window as
 * customer-service messages, outside as the template or a FAILED report the agent sees), a kf
 * conversation round-trips through sync_msg and send_msg, and 查询 / 5 run the self-service domain.
 */
describe('WeChat channel (Official Account safe mode, WeCom kf, self-service)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: InProcessTransport;
  let stack: InProcessStack;
  let api: FakeWechatApi;
  let bus: BusRecorder;
  const store = new InMemoryWechatSharedStore();
  const windows = new ReplyWindowTracker(store);

  const send = (request: WechatCallbackRequest) => stack.app.inject(request);
  const login = async (email: string): Promise<string> => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { tenant: 'demo', email, password: DEMO_PASSWORD },
    });
    return res.json<{ accessToken: string }>().accessToken;
  };
  const ticketOf = async (channelMessageId: string): Promise<TicketRow | undefined> => {
    const rows = await db.query<TicketRow>(
      `SELECT t.id, t.number, t.status, a.email AS assignee_email FROM ticket_messages m
         JOIN tickets t ON t.id = m.ticket_id LEFT JOIN agents a ON a.id = t.assignee_id
        WHERE m.channel = 'wechat' AND m.channel_message_id = $1`,
      [channelMessageId],
    );
    return rows[0];
  };
  const routedTicket = (channelMessageId: string) =>
    waitUntil('a routed WeChat ticket', async () => {
      const t = await ticketOf(channelMessageId);
      return t?.assignee_email ? t : undefined;
    });
  const asAgent = async (ticket: TicketRow, url: string, payload: object) => {
    const token = await login(ticket.assignee_email ?? '');
    return stack.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });
  };
  const reply = async (ticket: TicketRow, text: string): Promise<void> => {
    const posted = await asAgent(ticket, `/api/v1/tickets/${ticket.number}/replies`, { bodyText: text });
    expect(posted.statusCode).toBe(201);
  };
  const reportFor = (ticketId: string, status: DeliveryReport_Status) =>
    waitUntil('a delivery report', async () => bus.reports.find((r) => r.ticketId === ticketId && r.status === status));
  const oaText = (openId: string, text: string, msgId: string) =>
    signedOaRequest(OA, oaTextXml(OA, openId, text, msgId));
  /** The passive reply WeChat shows the customer: sealed like the request, opened with the account's key. */
  const passiveText = (xml: string): string => {
    const outer = parseWechatXml(xml, 65_536);
    const plain = new WechatMessageCrypto(OA.token, OA.encodingAesKey, OA.appId).open(
      {
        msgSignature: textOf(outer, 'MsgSignature') ?? '',
        timestamp: textOf(outer, 'TimeStamp') ?? '',
        nonce: textOf(outer, 'Nonce') ?? '',
        encrypt: textOf(outer, 'Encrypt') ?? '',
      },
      new Date(),
    );
    return textOf(parseWechatXml(plain, 65_536), 'Content') ?? '';
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('wechat_channel_e2e');
    const env = { DATABASE_URL: testDb.url, JWT_SECRET: 'wechat-e2e-secret-0123456789abcdef0123456789' };
    db = await openDatabase(loadConfig(env));
    await seedDemoTenant(db);
    transport = new InProcessTransport();
    api = await FakeWechatApi.start();
    api.addApp(OA.appId, OA.appSecret);
    api.addCorp(KF.corpId, KF.secret);
    bus = await BusRecorder.start(transport, Topics.outboundWechat);
    // Every demo agent has a WeCom userid: the kf session is handed to whoever the ticket is routed to.
    const agents = await db.query<{ id: string; email: string }>(`SELECT id, email FROM agents`);
    const servicers = Object.fromEntries(agents.map((a) => [a.id, `wecom-${a.email}`]));
    const config = loadWechatChannelConfig({
      WECHAT_ACCOUNTS: JSON.stringify([
        {
          kind: 'oa',
          tenant: 'demo',
          ...OA,
          mode: 'safe',
          template: { templateId: TEMPLATE_ID, data: { first: '工单 {ticketNumber} 有新回复', remark: '{text}' } },
        },
        { kind: 'kf', tenant: 'demo', ...KF, servicers },
      ]),
      WECHAT_OA_BASE_URL: api.baseUrl,
      WECHAT_WECOM_BASE_URL: api.baseUrl,
      WECHAT_API_BACKOFF_MS: '1,1',
      WECHAT_DELIVERY_ATTEMPTS: '2',
      WECHAT_DELIVERY_BACKOFF_MS: '1',
      WECHAT_DELIVERY_MAX_BACKOFF_MS: '5',
    });
    stack = await startInProcessStack({
      db,
      transport,
      env,
      features: ['tickets', 'routing', 'agent-api'],
      wechat: { config, store },
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await bus?.stop();
    await transport?.close();
    await api?.close();
    await db?.close();
    await testDb?.drop();
  }, 60_000);

  it('turns a signed safe-mode text into one routed ticket, and replies within and after the 48 hours', async () => {
    const openId = `o-${newId()}`;
    const msgId = String(7_000_000_000_000_000_000n + BigInt(Date.now()));
    const request = oaText(openId, '热水器不出热水了 🚿', msgId);
    const first = await send(request);
    expect(first.statusCode).toBe(200);
    expect(first.body).toBe('success');
    const channelMessageId = `oa:${OA.appId}:msg:${msgId}`;
    const ticket = await routedTicket(channelMessageId);
    expect(bus.inbound.filter((m) => m.channelMessageId === channelMessageId)).toHaveLength(1);

    // WeChat's retry of the same MsgId: answered, and nothing added.
    expect((await send(oaText(openId, '热水器不出热水了 🚿', msgId))).body).toBe('success');
    const [count] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ticket_messages WHERE channel = 'wechat' AND channel_message_id = $1`,
      [channelMessageId],
    );
    expect(count?.n).toBe(1);
    expect(bus.inbound.filter((m) => m.channelMessageId === channelMessageId)).toHaveLength(1);

    await reply(ticket, '师傅明天上午上门 🔧');
    const sent = await waitUntil('the customer-service message', async () =>
      api.callsTo('/cgi-bin/message/custom/send').find((c) => JSON.stringify(c.body).includes('师傅明天')),
    );
    // The fake records only calls whose token it issued and that is still valid.
    expect(sent.token).toMatch(/^oa-token-\d+$/);
    expect(sent.body).toEqual({ touser: openId, msgtype: 'text', text: { content: '师傅明天上午上门 🔧' } });
    await reportFor(ticket.id, DeliveryReport_Status.SENT);

    // 49 hours later: no free-form reply any more, so the account's template goes instead.
    const key = wechatConversationKey({ api: 'oa', appId: OA.appId, openId });
    await windows.recordInteraction(key, { kind: 'message', at: new Date(Date.now() - 49 * HOUR) });
    await reply(ticket, '请问问题解决了吗？');
    const template = await waitUntil('the template message', async () =>
      api.callsTo('/cgi-bin/message/template/send').find((c) => JSON.stringify(c.body).includes(ticket.number)),
    );
    expect(template.body).toMatchObject({ touser: openId, template_id: TEMPLATE_ID });
    expect(api.callsTo('/cgi-bin/message/custom/send').some((c) => JSON.stringify(c.body).includes('解决了吗'))).toBe(
      false,
    );
  }, 60_000);

  it('round-trips a WeCom kf conversation through sync_msg and send_msg, and marks a late reply undeliverable', async () => {
    const openKfId = 'wk-demo';
    const externalUserId = `wm-${newId()}`;
    const msgid = `kfmsg-${newId()}`;
    api.queueKfMessages(openKfId, [
      {
        msgid,
        open_kfid: openKfId,
        external_userid: externalUserId,
        send_time: Math.floor(Date.now() / 1000),
        origin: 3,
        msgtype: 'text',
        text: { content: '洗衣机漏水，怎么办？' },
      },
    ]);
    const callback = await send(signedKfCallback(KF, openKfId, `sync-${newId()}`));
    expect(callback.statusCode).toBe(200);
    expect(callback.body).toBe('success');
    const ticket = await routedTicket(`kf:${KF.corpId}:msg:${msgid}`);
    expect(api.callsTo('/cgi-bin/kf/sync_msg')[0]?.token).toMatch(/^wecom-token-\d+$/);

    await reply(ticket, '请关闭进水阀，我们马上安排');
    const sent = await waitUntil('kf send_msg', async () =>
      api.callsTo('/cgi-bin/kf/send_msg').find((c) => JSON.stringify(c.body).includes('进水阀')),
    );
    expect(sent.body).toMatchObject({
      touser: externalUserId,
      open_kfid: openKfId,
      msgtype: 'text',
      text: { content: '请关闭进水阀，我们马上安排' },
    });

    // WeCom has no templates: after 48 hours the reply is undeliverable, and the agent reads why.
    const key = wechatConversationKey({ api: 'kf', corpId: KF.corpId, openKfId, externalUserId });
    await windows.recordInteraction(key, { kind: 'message', at: new Date(Date.now() - 49 * HOUR) });
    await reply(ticket, '还需要帮助吗？');
    const failed = await reportFor(ticket.id, DeliveryReport_Status.FAILED);
    expect(failed.detail).toMatch(/48 hours/);
    const note = await waitUntil('the failed-delivery note on the ticket', async () => {
      const rows = await db.query<{ body_text: string }>(
        `SELECT body_text FROM ticket_messages WHERE ticket_id = $1 AND body_text LIKE '%48 hours%'`,
        [ticket.id],
      );
      return rows[0];
    });
    expect(note.body_text).toMatch(/failed/);

    // 查询 in WeCom: answered by send_msg from the self-service domain, not added to the ticket.
    const lookupId = `kfmsg-${newId()}`;
    api.queueKfMessages(openKfId, [
      {
        msgid: lookupId,
        open_kfid: openKfId,
        external_userid: externalUserId,
        send_time: Math.floor(Date.now() / 1000),
        origin: 3,
        msgtype: 'text',
        text: { content: '查询' },
      },
    ]);
    expect((await send(signedKfCallback(KF, openKfId, `sync-${newId()}`))).body).toBe('success');
    const listed = await waitUntil('the kf self-service answer', async () =>
      api
        .callsTo('/cgi-bin/kf/send_msg')
        .find((c) => JSON.stringify(c.body).includes(externalUserId) && JSON.stringify(c.body).includes('您的工单')),
    );
    expect(JSON.stringify(listed.body)).toContain(ticket.number);
    expect(await ticketOf(`kf:${KF.corpId}:msg:${lookupId}`)).toBeUndefined();

    const taken = await waitUntil('the kf session handed to the agent', async () =>
      api
        .callsTo('/cgi-bin/kf/service_state/trans')
        .find(
          (c) =>
            JSON.stringify(c.body).includes(externalUserId) && JSON.stringify(c.body).includes('"service_state":3'),
        ),
    );
    expect(taken.body).toMatchObject({ service_state: 3, servicer_userid: `wecom-${ticket.assignee_email}` });

    // Resolving the ticket ends the WeCom session.
    const resolved = await asAgent(ticket, `/api/v1/tickets/${ticket.number}/status`, { status: 'resolved' });
    expect(resolved.statusCode).toBe(200);
    const ended = await waitUntil('the kf session ended', async () =>
      api
        .callsTo('/cgi-bin/kf/service_state/trans')
        .find(
          (c) =>
            JSON.stringify(c.body).includes(externalUserId) && JSON.stringify(c.body).includes('"service_state":4'),
        ),
    );
    expect(ended.body).toMatchObject({ open_kfid: openKfId, external_userid: externalUserId, service_state: 4 });
  }, 60_000);

  it('answers 查询 with the customer’s tickets and records 5 after resolution as CSAT', async () => {
    const openId = `o-${newId()}`;
    const msgId = String(8_000_000_000_000_000_000n + BigInt(Date.now()));
    expect((await send(oaText(openId, '空调不制冷', msgId))).body).toBe('success');
    const ticket = await routedTicket(`oa:${OA.appId}:msg:${msgId}`);

    const lookup = await send(oaText(openId, '查询', `${msgId}1`));
    expect(lookup.statusCode).toBe(200);
    expect(lookup.headers['content-type']).toMatch(/^text\/xml/);
    const answer = passiveText(lookup.body);
    expect(answer).toContain(ticket.number);
    expect(answer).toContain('空调不制冷');

    // "5" before resolution is an ordinary message for the ticket.
    expect((await send(oaText(openId, '5', `${msgId}2`))).body).toBe('success');
    await routedTicket(`oa:${OA.appId}:msg:${msgId}2`);

    const resolved = await asAgent(ticket, `/api/v1/tickets/${ticket.number}/status`, { status: 'resolved' });
    expect(resolved.statusCode).toBe(200);
    const rated = await send(oaText(openId, '5', `${msgId}3`));
    expect(passiveText(rated.body)).toContain(`${ticket.number} 已记录 5 分`);
    const [csat] = await db.query<{ score: number; channel: string }>(
      `SELECT score, channel FROM csat_ratings WHERE ticket_id = $1`,
      [ticket.id],
    );
    expect(csat).toEqual({ score: 5, channel: 'wechat' });
  }, 60_000);
});
