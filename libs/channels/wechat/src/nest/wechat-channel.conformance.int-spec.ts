import { runChannelConformance, type ConformanceRequest } from '@switchboard/channel-sdk/testing';
import { ConfigModule, loadConfig } from '@switchboard/config';
import { Channel, OutboundMessageSchema, Topics, create } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { InProcessTransport, MessagingModule } from '@switchboard/messaging';
import { bootAppModule } from '@switchboard/testing';
import { Module, type DynamicModule } from '@nestjs/common';
import { InMemoryWechatSharedStore } from '../api/shared-store';
import { wechatConversationKey } from '../conversation-key';
import { ReplyWindowTracker } from '../outbound/reply-window.tracker';
import { FakeWechatApi } from '../testing/fake-wechat-api';
import { oaTextXml, signedOaRequest, type OaTestAccount } from '../testing/signed-callbacks';
import { ChannelWechatModule } from './channel-wechat.module';
import { loadWechatChannelConfig } from './config/wechat-channel.config';

const OA: OaTestAccount & { secret: string } = {
  id: 'acme-oa',
  appId: 'wx5823bf96d3bd56c7',
  token: 'tok-acme',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  originalId: 'gh_acme',
  secret: 'oa-secret',
};
const KF = {
  id: 'acme-kf',
  corpId: 'ww-acme',
  secret: 'kf-secret',
  token: 'tok-kf',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
/** The conversation the suite's answers go to: a WeCom kf customer whose 48-hour window is open. */
const KF_CONVERSATION = { api: 'kf' as const, corpId: KF.corpId, openKfId: 'wk-acme', externalUserId: 'wm-mei' };

@Module({})
class WechatConformanceModule {
  static forRoot(transport: InProcessTransport, api: FakeWechatApi, store: InMemoryWechatSharedStore): DynamicModule {
    const config = loadWechatChannelConfig({
      WECHAT_ACCOUNTS: JSON.stringify([
        { kind: 'oa', tenant: 'acme', ...OA, appSecret: OA.secret, mode: 'safe' },
        { kind: 'kf', tenant: 'acme', ...KF },
      ]),
      WECHAT_OA_BASE_URL: api.baseUrl,
      WECHAT_WECOM_BASE_URL: api.baseUrl,
      WECHAT_API_BACKOFF_MS: '1,1',
      WECHAT_MAX_BODY_BYTES: '8192',
      WECHAT_DELIVERY_ATTEMPTS: '3',
      WECHAT_DELIVERY_BACKOFF_MS: '1',
      WECHAT_DELIVERY_MAX_BACKOFF_MS: '5',
    });
    return {
      module: WechatConformanceModule,
      imports: [
        ConfigModule.forRoot(loadConfig({})),
        MessagingModule.forRoot('wechat-conformance', { transport }),
        ChannelWechatModule.forRoot({ config, store }),
      ],
    };
  }
}

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
    const transport = new InProcessTransport();
    const api = await FakeWechatApi.start();
    api.addApp(OA.appId, OA.secret);
    api.addCorp(KF.corpId, KF.secret);
    const store = new InMemoryWechatSharedStore();
    await new ReplyWindowTracker(store).recordInteraction(wechatConversationKey(KF_CONVERSATION), {
      kind: 'message',
      at: new Date(),
    });
    const app = await bootAppModule(WechatConformanceModule.forRoot(transport, api, store));
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
        const res = await app.app.inject(request);
        return { statusCode: res.statusCode, body: res.body };
      },
      // The channel owns no table: nothing it runs is SQL.
      statements: () => [],
      close: async () => {
        await app.close();
        await transport.close();
        await api.close();
      },
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
