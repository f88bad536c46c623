import { WechatMessageCrypto } from '../crypto/wechat-message-crypto';
import { DEFAULT_REPLAY_WINDOW_SECONDS, verifyWechatSignature } from '../crypto/wechat-signature.util';
import type { NormalizedWechatInput } from '../normalized-wechat-input';
import { WechatChannelException, WechatChannelExceptionCode } from '../wechat-channel.exception';
import { buildWechatXml } from '../xml/build-xml';
import { DEFAULT_XML_LIMIT_BYTES, parseWechatXml, textOf } from '../xml/safe-xml';
import { normalizeOaMessage } from './normalize-oa-message';
import { readOaMessage } from './oa-message';

/** One tenant's Official Account as the callback needs it (secrets stay in the adapter's store). */
export interface OaAccount {
  readonly tenant: string;
  readonly accountId: string;
  readonly appId: string;
  /** The "Token" configured on the platform's server settings page. */
  readonly token: string;
  /** 43 characters; required in compatible and safe mode. */
  readonly encodingAesKey?: string;
  /** Safe mode refuses plain bodies, so an attacker cannot downgrade to unencrypted messages. */
  readonly mode: 'plain' | 'compatible' | 'safe';
}

/** The query WeChat puts on every callback URL. */
export interface OaCallbackQuery {
  readonly signature?: string;
  readonly timestamp?: string;
  readonly nonce?: string;
  readonly echostr?: string;
  readonly encrypt_type?: string;
  readonly msg_signature?: string;
  readonly openid?: string;
}

export interface OaCallbackOptions {
  readonly now: Date;
  readonly messageId: string;
  readonly limitBytes?: number;
  readonly windowSeconds?: number;
}

export interface OpenedOaCallback extends NormalizedWechatInput {
  /** Whether the request came encrypted: a passive reply must then be encrypted too. */
  readonly encrypted: boolean;
}

const signedQuery = (query: OaCallbackQuery) => ({
  signature: query.signature ?? '',
  timestamp: query.timestamp ?? '',
  nonce: query.nonce ?? '',
});

function cryptoOf(account: OaAccount): WechatMessageCrypto {
  if (!account.encodingAesKey) {
    throw new WechatChannelException(
      WechatChannelExceptionCode.AccountMisconfigured,
      'This account has no EncodingAESKey.',
    );
  }
  return new WechatMessageCrypto(account.token, account.encodingAesKey, account.appId);
}

/** `GET` URL verification: the echostr to answer, after the signature and the replay window passed. */
export function verifyOaUrl(
  account: OaAccount,
  query: OaCallbackQuery,
  now: Date,
  windowSeconds = DEFAULT_REPLAY_WINDOW_SECONDS,
): string {
  verifyWechatSignature(account.token, signedQuery(query), now, windowSeconds);
  return query.echostr ?? '';
}

/**
 * A `POST` callback, checked and normalized: the signature always (WeChat signs every mode's URL), then
 * msg_signature and decryption when the body is encrypted. Throws WechatChannelException (a 4xx) for
 * anything forged, replayed, oversize or unsafe; returns before anything is published or stored.
 */
export function openOaCallback(
  account: OaAccount,
  query: OaCallbackQuery,
  body: string | Buffer,
  options: OaCallbackOptions,
): OpenedOaCallback {
  const windowSeconds = options.windowSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS;
  const limitBytes = options.limitBytes ?? DEFAULT_XML_LIMIT_BYTES;
  verifyWechatSignature(account.token, signedQuery(query), options.now, windowSeconds);
  const outer = parseWechatXml(body, limitBytes);
  const encrypt = textOf(outer, 'Encrypt');
  const encrypted = encrypt !== undefined && query.encrypt_type === 'aes';
  if (!encrypted && account.mode === 'safe') {
    throw new WechatChannelException(
      WechatChannelExceptionCode.SignatureInvalid,
      'This account accepts encrypted messages only.',
    );
  }
  const xml = encrypted
    ? parseWechatXml(
        cryptoOf(account).open(
          {
            msgSignature: query.msg_signature ?? '',
            timestamp: query.timestamp ?? '',
            nonce: query.nonce ?? '',
            encrypt,
          },
          options.now,
          windowSeconds,
        ),
        limitBytes,
      )
    : outer;
  const message = readOaMessage(xml);
  const normalized = normalizeOaMessage(message, {
    tenant: account.tenant,
    accountId: account.accountId,
    appId: account.appId,
    messageId: options.messageId,
    receivedAt: options.now,
    mode: encrypted ? 'safe' : 'plain',
  });
  return { ...normalized, encrypted };
}

/**
 * A passive text reply to the customer (within WeChat's 5 s, e.g. a self-service answer), encrypted and
 * signed when the request was; `success` is the empty answer WeChat also accepts.
 */
export function oaPassiveTextReply(
  account: OaAccount,
  to: { readonly openId: string; readonly originalId: string },
  content: string,
  request: { readonly encrypted: boolean; readonly now: Date; readonly nonce: string },
): string {
  const plain = buildWechatXml({
    ToUserName: to.openId,
    FromUserName: to.originalId,
    CreateTime: { raw: Math.floor(request.now.getTime() / 1000) },
    MsgType: 'text',
    Content: content,
  });
  if (!request.encrypted) return plain;
  const sealed = cryptoOf(account).seal(plain, String(Math.floor(request.now.getTime() / 1000)), request.nonce);
  return buildWechatXml({
    Encrypt: sealed.encrypt,
    MsgSignature: sealed.msgSignature,
    TimeStamp: { raw: Number(sealed.timestamp) },
    Nonce: sealed.nonce,
  });
}
