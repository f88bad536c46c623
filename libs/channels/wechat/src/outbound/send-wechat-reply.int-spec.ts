import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { OfficialAccountApi, type OaCredential } from '../api/official-account.api';
import { RedisWechatSharedStore } from '../api/shared-store';
import { WechatHttpClient } from '../api/wechat-http.client';
import { parseWechatConversationKey, wechatConversationKey } from '../conversation-key';
import { FakeWechatApi } from '../testing/fake-wechat-api';
import { KfApi, type WecomCredential } from '../wecom/kf.api';
import { ReplyWindowTracker } from './reply-window.tracker';
import { SendWechatReply, type WechatReply } from './send-wechat-reply';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const HOUR = 3_600_000;
const oa: OaCredential = { api: 'oa', appId: 'wx-reply', secret: 's1' };
const wecom: WecomCredential = { api: 'wecom', corpId: 'ww-reply', secret: 's2' };
const template = {
  templateId: 'TPL-REPLY',
  data: { first: '您的工单 {ticketNumber} 有新回复', keyword1: '{text}' },
  url: 'https://support.test/t/{ticketNumber}',
};

describe('SendWechatReply: the 48-hour rule against the fake WeChat API (real Redis)', () => {
  let fake: FakeWechatApi;
  let redis: Redis;
  let tracker: ReplyWindowTracker;
  let send: SendWechatReply;
  const interactionAt = new Date('2026-12-01T08:00:00Z');

  beforeAll(async () => {
    fake = await FakeWechatApi.start();
    fake.addApp(oa.appId, oa.secret);
    fake.addCorp(wecom.corpId, wecom.secret);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  });
  afterAll(async () => {
    await fake.close();
    redis.disconnect();
  });
  beforeEach(() => {
    fake.reset();
    const store = new RedisWechatSharedStore(redis, `sbtest-wechat-${randomUUID()}:`);
    const http = new WechatHttpClient(
      { oaBaseUrl: fake.baseUrl, wecomBaseUrl: fake.baseUrl, timeoutMs: 5_000, backoffMs: [5], maxMediaBytes: 1024 },
      store,
    );
    tracker = new ReplyWindowTracker(store);
    send = new SendWechatReply(new OfficialAccountApi(http), new KfApi(http), tracker);
  });

  const reply = (conversation: WechatReply['conversation'], text = '师傅明天 9 点上门 🔧'): WechatReply => {
    const conversationKey = wechatConversationKey(conversation);
    return { outboundMessageId: randomUUID(), conversationKey, conversation, ticketNumber: 'SB-000123', text };
  };
  const oaConversation: WechatReply['conversation'] = { api: 'oa', appId: oa.appId, openId: 'oCustomer' };

  it('sends a customer-service message with a valid token within the window, and counts it', async () => {
    const r = reply(oaConversation);
    await tracker.recordInteraction(r.conversationKey, { kind: 'message', at: interactionAt });
    const outcome = await send.execute(r, { oa, template }, new Date(interactionAt.getTime() + 47 * HOUR));
    expect(outcome).toEqual({ status: 'sent', via: 'customer_service' });
    const [call] = fake.callsTo('/cgi-bin/message/custom/send');
    expect(call?.body).toEqual({ touser: 'oCustomer', msgtype: 'text', text: { content: '师傅明天 9 点上门 🔧' } });
    expect(call?.token).toMatch(/^oa-token-/);
    expect((await tracker.interactions(r.conversationKey))[0]?.sentSince).toBe(1);
  });

  it('after 48 hours sends the tenant’s template, or marks the reply undeliverable with the reason', async () => {
    const r = reply(oaConversation);
    await tracker.recordInteraction(r.conversationKey, { kind: 'message', at: interactionAt });
    const later = new Date(interactionAt.getTime() + 49 * HOUR);
    const viaTemplate = await send.execute(r, { oa, template }, later);
    expect(viaTemplate).toMatchObject({ status: 'sent', via: 'template' });
    expect(fake.callsTo('/cgi-bin/message/custom/send')).toHaveLength(0);
    expect(fake.callsTo('/cgi-bin/message/template/send')[0]?.body).toEqual({
      touser: 'oCustomer',
      template_id: 'TPL-REPLY',
      data: { first: { value: '您的工单 SB-000123 有新回复' }, keyword1: { value: '师傅明天 9 点上门 🔧' } },
      url: 'https://support.test/t/SB-000123',
    });
    const none = await send.execute(r, { oa }, later);
    expect(none).toMatchObject({ status: 'undeliverable', reason: 'window_expired' });
  });

  it('falls back to the template when WeChat itself says the window closed (45015)', async () => {
    const r = reply(oaConversation);
    await tracker.recordInteraction(r.conversationKey, { kind: 'message', at: interactionAt });
    fake.failNext('/cgi-bin/message/custom/send', 45015, 1, 'response out of time limit');
    const outcome = await send.execute(r, { oa, template }, new Date(interactionAt.getTime() + HOUR));
    expect(outcome).toMatchObject({ status: 'sent', via: 'template' });
    fake.failNext('/cgi-bin/message/custom/send', 45047, 1, 'out of response count limit');
    const noTemplate = await send.execute(r, { oa }, new Date(interactionAt.getTime() + HOUR));
    expect(noTemplate).toMatchObject({ status: 'undeliverable', reason: 'platform_refused' });
  });

  it('with no record of the customer (a restart lost it) tries the message and lets WeChat judge', async () => {
    const r = reply({ api: 'oa', appId: oa.appId, openId: 'oForgotten' });
    expect(await send.execute(r, { oa }, interactionAt)).toEqual({ status: 'sent', via: 'customer_service' });
    fake.failNext('/cgi-bin/message/custom/send', 45015, 1, 'response out of time limit');
    const refused = await send.execute(reply({ api: 'oa', appId: oa.appId, openId: 'oGone' }), { oa }, interactionAt);
    expect(refused).toMatchObject({ status: 'undeliverable', reason: 'platform_refused' });
  });

  it('uploads an attached image and sends it after the text', async () => {
    const r = {
      ...reply(oaConversation),
      media: [{ kind: 'image' as const, content: Buffer.from('jpeg'), fileName: 'fix.jpg', contentType: 'image/jpeg' }],
    };
    await tracker.recordInteraction(r.conversationKey, { kind: 'message', at: interactionAt });
    await send.execute(r, { oa }, new Date(interactionAt.getTime() + HOUR));
    const bodies = fake.callsTo('/cgi-bin/message/custom/send').map((call) => call.body as { msgtype: string });
    expect(bodies.map((body) => body.msgtype)).toEqual(['text', 'image']);
    expect(fake.uploads).toHaveLength(1);
  });

  it('answers a WeCom kf conversation with send_msg, our id as msgid; never a template there', async () => {
    const conversation = parseWechatConversationKey('wechat:kf:ww-reply:wk1:wmCustomer');
    if (conversation?.api !== 'kf') throw new Error('unparsed');
    const r = reply(conversation, '已为您登记 ✅');
    await tracker.recordInteraction(r.conversationKey, { kind: 'message', at: interactionAt });
    const outcome = await send.execute(r, { wecom, template }, new Date(interactionAt.getTime() + HOUR));
    expect(outcome).toEqual({ status: 'sent', via: 'kf', providerMessageId: r.outboundMessageId.replaceAll('-', '') });
    expect(fake.callsTo('/cgi-bin/kf/send_msg')[0]?.body).toMatchObject({
      touser: 'wmCustomer',
      open_kfid: 'wk1',
      text: { content: '已为您登记 ✅' },
    });
    const late = await send.execute(r, { wecom, template }, new Date(interactionAt.getTime() + 49 * HOUR));
    expect(late).toMatchObject({ status: 'undeliverable', reason: 'window_expired' });
  });
});
