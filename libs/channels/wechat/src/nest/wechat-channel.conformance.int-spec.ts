import { runChannelConformance, type ConformanceRequest } from '@switchboard/channel-sdk/testing';
import { Channel, OutboundMessageSchema, Topics, create } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { wechatConversationKey } from '../conversation-key';
import { ReplyWindowTracker } from '../outbound/reply-window.tracker';
import { oaTextXml, signedOaRequest } from '../testing/signed-callbacks';
import { TEST_KF, TEST_OA, WechatChannelHarness } from '../testing/wechat-channel.harness';

const OA = TEST_OA;
/** The conversation the suite's answers go to: a WeCom kf customer whose 48-hour window is open. */
const KF_CONVERSATION = { api: 'kf' as const, corpId: TEST_KF.corpId, openKfId: 'wk-acme', externalUserId: 'wm-mei' };

const oaText = (text: string, id: string, at?: Date): ConformanceRequest =>
  signedOaRequest(OA, oaTextXml(OA, `o-${id}`, text, id), at ? { at } : {});

/** kf send_msg carries our message id without dashes (WeCom's msgid alphabet): the probe maps it back. */
const sentIds = new Map<string, string>();

runChannelConformance('wechat', {
  libRoot: 'libs/channels/wechat/src',
  outboundTopic: Topics.outboundWechat,
  failingProvider: true,
  dedupesAtEdge: true,
  async start() {
    const h = await WechatChannelHarness.start();
    const { transport, api, store } = h;
    await new ReplyWindowTracker(store).recordInteraction(wechatConversationKey(KF_CONVERSATION), {
      kind: 'message',
      at: new Date(),
    });
    return {
      transport,
      provider: {
        received: () =>
          api.callsTo('/cgi-bin/kf/send_msg').map((call) => {
            const body = call.body as { msgid: string; text: { content: string } };
            return { messageId: sentIds.get(body.msgid) ?? body.msgid, text: body.text.content };
          }),
        attempts: () => api.requestCount('/cgi-bin/kf/send_msg'),
        failWith: (status) => api.failHttp(status),
      },
      inject: async (request) => {
        const res = await h.app.inject(request);
        return { statusCode: res.statusCode, body: res.body };
      },
      // The channel owns no table: nothing it runs is SQL.
      statements: () => [],
      close: () => h.close(),
    };
  },
  inbound: (_h, { text, id }) => oaText(text, id),
  forged: (_h, valid) => ({ ...valid, url: valid.url.replace(/signature=[0-9a-f]{8}/, 'signature=00000000') }),
  stale: (_h, { text, id }) => oaText(text, id, new Date(Date.now() - 301_000)),
  oversize: () => oaText('x'.repeat(9_000), newId()),
  malformed: () => {
    const valid = oaText('hi', newId());
    return [
      { ...valid, payload: '<xml><Encrypt>' },
      { ...valid, payload: '<!DOCTYPE xml [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>' },
      { ...valid, headers: { 'content-type': 'application/json' }, payload: '{"Content":"hi"}' },
    ];
  },
  outbound: (_h, text) => {
    const messageId = newId();
    sentIds.set(messageId.replaceAll('-', ''), messageId);
    return create(OutboundMessageSchema, {
      messageId,
      tenant: 'acme',
      ticketId: newId(),
      ticketNumber: 'SB-000042',
      channel: Channel.WECHAT,
      conversationKey: wechatConversationKey(KF_CONVERSATION),
      recipient: { wechatOpenid: KF_CONVERSATION.externalUserId },
      bodyText: text,
    });
  },
});
