import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisWechatSharedStore } from '../api/shared-store';
import { WechatHttpClient } from '../api/wechat-http.client';
import { WechatMessageCrypto } from '../crypto/wechat-message-crypto';
import { FakeWechatApi } from '../testing/fake-wechat-api';
import { buildWechatXml } from '../xml/build-xml';
import { KfApi, KfServiceStates, type WecomCredential } from './kf.api';
import { readKfCallback } from './kf-callback';
import type { KfSyncItem } from './kf-message';
import { KfSyncPuller } from './kf-sync.puller';
import { normalizeKfMessage } from './normalize-kf-message';
import { openWecomCallback } from './wecom-callback';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const corp = { corpId: 'ww-corp-1', token: 'kf-callback-token', encodingAesKey: 'E'.repeat(43) };
const credential: WecomCredential = { api: 'wecom', corpId: corp.corpId, secret: 'kf-secret' };
const OPEN_KFID = 'wk-support';

const customerText = (n: number, content = `消息 ${n} 🙂`) => ({
  msgid: `msg-${n}`,
  open_kfid: OPEN_KFID,
  external_userid: 'wm-customer-1',
  send_time: 1764662400 + n,
  origin: 3,
  msgtype: 'text',
  text: { content },
});

describe('WeCom 微信客服: callback → sync_msg paging → normalized messages → send_msg (fake API, real Redis)', () => {
  let fake: FakeWechatApi;
  let redis: Redis;
  let store: RedisWechatSharedStore;
  let api: KfApi;

  const config = () => ({
    oaBaseUrl: fake.baseUrl,
    wecomBaseUrl: fake.baseUrl,
    timeoutMs: 5_000,
    backoffMs: [5],
    maxMediaBytes: 1024,
  });

  beforeAll(async () => {
    fake = await FakeWechatApi.start();
    fake.addCorp(corp.corpId, credential.secret);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  });
  afterAll(async () => {
    await fake.close();
    redis.disconnect();
  });

  beforeEach(() => {
    fake.reset();
    store = new RedisWechatSharedStore(redis, `sbtest-wechat-${randomUUID()}:`);
    api = new KfApi(new WechatHttpClient(config(), store));
  });

  /** The callback as WeCom sends it, encrypted for the corp, opened by our core. */
  const callbackNotice = (syncToken: string) => {
    const crypto = new WechatMessageCrypto(corp.token, corp.encodingAesKey, corp.corpId);
    const inner = buildWechatXml({
      ToUserName: corp.corpId,
      CreateTime: { raw: 1764662400 },
      MsgType: 'event',
      Event: 'kf_msg_or_event',
      Token: syncToken,
      OpenKfId: OPEN_KFID,
    });
    const sealed = crypto.seal(inner, '1764662400', 'nonce-1');
    const xml = openWecomCallback(
      corp,
      { msg_signature: sealed.msgSignature, timestamp: sealed.timestamp, nonce: sealed.nonce },
      buildWechatXml({ ToUserName: corp.corpId, Encrypt: sealed.encrypt, AgentID: '' }),
      { now: new Date(1764662401_000) },
    );
    const notice = readKfCallback(xml);
    if (!notice) throw new Error('not a kf notice');
    return notice;
  };

  it('pulls every page with the callback token, saves the cursor, and normalizes the customer’s messages', async () => {
    const openKfId = `${OPEN_KFID}-${randomUUID()}`;
    fake.queueKfMessages(
      openKfId,
      [1, 2, 3, 4, 5].map((n) => ({ ...customerText(n), open_kfid: openKfId })),
    );
    const notice = { ...callbackNotice('SYNC-TOKEN-1'), openKfId };
    expect(notice.corpId).toBe(corp.corpId);
    const published: string[] = [];
    const puller = new KfSyncPuller(api, store, { pageSize: 2 });
    const result = await puller.pull(credential, notice, async (items) => {
      for (const item of items) {
        const normalized = normalizeKfMessage(item, {
          tenant: 'acme',
          accountId: 'kf-1',
          corpId: corp.corpId,
          messageId: item.msgid,
          receivedAt: new Date(0),
        });
        published.push(`${normalized.inbound.channelMessageId}|${normalized.inbound.bodyText}`);
      }
    });
    expect(result).toMatchObject({ pages: 3, delivered: 5, duplicates: 0, invalid: 0, deferred: false });
    expect(published[0]).toBe('kf:ww-corp-1:msg:msg-1|消息 1 🙂');
    expect(fake.callsTo('/cgi-bin/kf/sync_msg').map((call) => (call.body as { token?: string }).token)).toEqual([
      'SYNC-TOKEN-1',
      'SYNC-TOKEN-1',
      'SYNC-TOKEN-1',
    ]);
    expect(await store.get(puller.cursorKey(corp.corpId, openKfId))).toBe('c5');

    // The next callback starts from the stored cursor: only the new message.
    fake.queueKfMessages(openKfId, [{ ...customerText(6), open_kfid: openKfId }]);
    const again: string[] = [];
    await puller.pull(credential, { openKfId, syncToken: 'SYNC-TOKEN-2' }, async (items) => {
      again.push(...items.map((item) => item.msgid));
    });
    expect(again).toEqual(['msg-6']);
  });

  it('is at-least-once: a failed page is pulled again, and repeated msgids are counted, not delivered twice', async () => {
    const openKfId = `${OPEN_KFID}-${randomUUID()}`;
    const items = [1, 2, 3, 4].map((n) => ({ ...customerText(n), open_kfid: openKfId }));
    fake.queueKfMessages(openKfId, [...items.slice(0, 2), items[1], ...items.slice(2)]);
    fake.queueKfMessages(openKfId, [{ msgid: '', broken: true }]);
    const puller = new KfSyncPuller(api, store, { pageSize: 3 });
    let failOnce = true;
    const delivered: string[] = [];
    const handler = async (page: readonly KfSyncItem[]) => {
      if (failOnce && page.some((item) => item.msgid === 'msg-3')) {
        failOnce = false;
        throw new Error('broker unavailable');
      }
      delivered.push(...page.map((item) => item.msgid));
    };
    await expect(puller.pull(credential, { openKfId, syncToken: 't' }, handler)).rejects.toThrow('broker unavailable');
    const result = await puller.pull(credential, { openKfId, syncToken: 't' }, handler);
    expect(delivered).toEqual(['msg-1', 'msg-2', 'msg-3', 'msg-4']);
    expect(result.invalid).toBe(1);
  });

  it('two instances pulling at once deliver each message once', async () => {
    const openKfId = `${OPEN_KFID}-${randomUUID()}`;
    fake.queueKfMessages(
      openKfId,
      Array.from({ length: 30 }, (_, n) => ({ ...customerText(n), open_kfid: openKfId })),
    );
    const delivered: string[] = [];
    const handler = async (page: readonly KfSyncItem[]) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      delivered.push(...page.map((item) => item.msgid));
    };
    const [a, b] = [new KfSyncPuller(api, store, { pageSize: 4 }), new KfSyncPuller(api, store, { pageSize: 4 })];
    await Promise.all([
      a.pull(credential, { openKfId, syncToken: 't1' }, handler),
      b.pull(credential, { openKfId, syncToken: 't2' }, handler),
    ]);
    expect(delivered).toHaveLength(30);
    expect(new Set(delivered).size).toBe(30);
  });

  it('replies with send_msg and moves the session state when an agent takes and ends it', async () => {
    const session = { openKfId: OPEN_KFID, externalUserId: 'wm-customer-1' };
    const msgid = await api.sendText(credential, {
      ...session,
      content: '您好，工单 SB-000123 已受理 👍',
      msgid: 'out-0190abc',
    });
    expect(msgid).toBe('out-0190abc');
    expect(fake.callsTo('/cgi-bin/kf/send_msg')[0]?.body).toEqual({
      touser: 'wm-customer-1',
      open_kfid: OPEN_KFID,
      msgtype: 'text',
      text: { content: '您好，工单 SB-000123 已受理 👍' },
      msgid: 'out-0190abc',
    });
    expect(fake.callsTo('/cgi-bin/kf/send_msg')[0]?.token).toMatch(/^wecom-token-/);
    await api.transferServiceState(credential, { ...session, state: KfServiceStates.agent, servicerUserId: 'alice' });
    expect(await api.serviceState(credential, session)).toEqual({ state: 3, servicerUserId: 'alice' });
    await api.transferServiceState(credential, { ...session, state: KfServiceStates.ended });
    expect((await api.serviceState(credential, session)).state).toBe(4);
  });
});
