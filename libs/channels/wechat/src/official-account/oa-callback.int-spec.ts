import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WechatMessageCrypto } from '../crypto/wechat-message-crypto';
import { wechatSignature } from '../crypto/wechat-signature.util';
import type { NormalizedWechatInput } from '../normalized-wechat-input';
import { WechatChannelException } from '../wechat-channel.exception';
import { buildWechatXml } from '../xml/build-xml';
import { parseWechatXml, textOf } from '../xml/safe-xml';
import { oaPassiveTextReply, openOaCallback, verifyOaUrl, type OaAccount, type OaCallbackQuery } from './oa-callback';

const account: OaAccount = {
  tenant: 'acme',
  accountId: 'acc-1',
  appId: 'wx5823bf96d3bd56c7',
  token: 'tok-acme',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  mode: 'safe',
};
const LIMIT = 16 * 1024;
/** The edge's clock: two seconds after the requests' timestamp. */
const SERVER_NOW = new Date((1764662400 + 2) * 1000);

const STATUS = { invalid: 400, unauthenticated: 401, forbidden: 403, payload_too_large: 413 } as Record<string, number>;

/**
 * What the SDK adapter will do around the core, minus Kafka: read the body with a limit, open the
 * callback, "store" it once per channel message id, answer a passive reply or `success`.
 */
function startEdge(stored: Map<string, NormalizedWechatInput>): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // A hard cap well above the limit; openOaCallback enforces the limit itself.
      if (size <= 4 * LIMIT) chunks.push(chunk);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://edge');
      const query = Object.fromEntries(url.searchParams) as OaCallbackQuery;
      const now = SERVER_NOW;
      try {
        if (req.method === 'GET') return void res.end(verifyOaUrl(account, query, now));
        const opened = openOaCallback(account, query, Buffer.concat(chunks), {
          now,
          messageId: 'm',
          limitBytes: LIMIT,
        });
        const key = opened.inbound.channelMessageId;
        if (!stored.has(key)) stored.set(key, opened);
        if (opened.inbound.bodyText === '查询') {
          const reply = oaPassiveTextReply(
            account,
            { openId: opened.inbound.customer?.wechatOpenid ?? '', originalId: 'gh_acme' },
            '您有 1 张处理中的工单 ✅',
            {
              encrypted: opened.encrypted,
              now,
              nonce: 'reply-nonce',
            },
          );
          return void res.end(reply);
        }
        res.end('success');
      } catch (error) {
        res.statusCode = error instanceof WechatChannelException ? (STATUS[error.kind] ?? 400) : 500;
        res.end(
          JSON.stringify({ error: { code: (error as { code?: string }).code ?? 'internal', message: 'refused' } }),
        );
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('Official Account callback over real HTTP with real signatures and AES bodies', () => {
  const stored = new Map<string, NormalizedWechatInput>();
  let server: Server;
  let base: string;
  const crypto = new WechatMessageCrypto(account.token, account.encodingAesKey ?? '', account.appId);
  const timestamp = '1764662400';

  beforeAll(async () => {
    server = await startEdge(stored);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat/oa/acc-1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => stored.clear());

  const signedQuery = (ts: string, nonce: string, extra: Record<string, string> = {}): URLSearchParams =>
    new URLSearchParams({
      signature: wechatSignature(account.token, ts, nonce),
      timestamp: ts,
      nonce,
      openid: 'oCustomer',
      ...extra,
    });

  const post = (inner: string, options: { ts?: string; forge?: boolean; body?: string } = {}) => {
    const ts = options.ts ?? timestamp;
    const encrypt = crypto.encrypt(inner);
    const msgSignature = options.forge ? '0'.repeat(40) : crypto.signature(ts, 'n1', encrypt);
    const query = signedQuery(ts, 'n1', { encrypt_type: 'aes', msg_signature: msgSignature });
    const body = options.body ?? buildWechatXml({ ToUserName: 'gh_acme', Encrypt: encrypt });
    return fetch(`${base}?${query.toString()}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
  };

  const text = (content: string, msgId: number | bigint): string =>
    buildWechatXml({
      ToUserName: 'gh_acme',
      FromUserName: 'oCustomer',
      CreateTime: { raw: Number(timestamp) },
      MsgType: 'text',
      Content: content,
      MsgId: { raw: msgId },
    });

  it('answers the URL verification echostr, and refuses a forged one', async () => {
    const ok = await fetch(`${base}?${signedQuery(timestamp, 'n0', { echostr: 'echo-123' }).toString()}`);
    expect(await ok.text()).toBe('echo-123');
    const forged = await fetch(`${base}?signature=${'a'.repeat(40)}&timestamp=${timestamp}&nonce=n0&echostr=x`);
    expect(forged.status).toBe(401);
  });

  it('stores a safe-mode text once, Chinese and emoji intact, however often WeChat retries it', async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await post(text('空调不制冷 🥵 请尽快', 6054768590064713728n));
      expect(await response.text()).toBe('success');
    }
    expect([...stored.keys()]).toEqual(['oa:wx5823bf96d3bd56c7:msg:6054768590064713728']);
    expect(stored.get('oa:wx5823bf96d3bd56c7:msg:6054768590064713728')?.inbound.bodyText).toBe('空调不制冷 🥵 请尽快');
  });

  it('answers a passive reply encrypted and signed, which WeChat (here: our crypto) opens', async () => {
    const response = await post(text('查询', 1));
    const envelope = parseWechatXml(await response.text());
    const opened = crypto.open(
      {
        encrypt: textOf(envelope, 'Encrypt') ?? '',
        msgSignature: textOf(envelope, 'MsgSignature') ?? '',
        timestamp: textOf(envelope, 'TimeStamp') ?? '',
        nonce: textOf(envelope, 'Nonce') ?? '',
      },
      new Date(Number(timestamp) * 1000),
    );
    expect(textOf(parseWechatXml(opened), 'Content')).toBe('您有 1 张处理中的工单 ✅');
    expect(textOf(parseWechatXml(opened), 'ToUserName')).toBe('oCustomer');
  });

  it.each([
    ['a forged msg_signature', () => post(text('x', 2), { forge: true }), 401],
    ['a replayed timestamp', () => post(text('x', 3), { ts: '1764600000' }), 401],
    [
      'a DTD',
      () => post(text('x', 4), { body: `<!DOCTYPE xml [<!ENTITY e "x">]><xml><Encrypt>&e;</Encrypt></xml>` }),
      400,
    ],
    [
      'an entity bomb inside the encrypted body',
      () =>
        post(`<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY l2 "&lol;&lol;&lol;">]><xml><Content>&l2;</Content></xml>`),
      400,
    ],
    ['an oversize body', () => post(text('长'.repeat(10_000), 5)), 413],
    ['malformed XML', () => post(text('x', 6), { body: '<xml><Encrypt>abc' }), 400],
    [
      'a plain body to a safe-mode account',
      () => fetch(`${base}?${signedQuery(timestamp, 'n2').toString()}`, { method: 'POST', body: text('x', 7) }),
      401,
    ],
    [
      'a message encrypted for another AppID',
      () => {
        const other = new WechatMessageCrypto(account.token, account.encodingAesKey ?? '', 'wxOTHER');
        const encrypt = other.encrypt(text('x', 8));
        const query = signedQuery(timestamp, 'n3', {
          encrypt_type: 'aes',
          msg_signature: other.signature(timestamp, 'n3', encrypt),
        });
        return fetch(`${base}?${query.toString()}`, { method: 'POST', body: buildWechatXml({ Encrypt: encrypt }) });
      },
      403,
    ],
  ])('refuses %s with a 4xx and stores nothing', async (_what, send, status) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(stored.size).toBe(0);
  });
});
