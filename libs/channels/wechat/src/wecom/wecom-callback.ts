import { WechatMessageCrypto } from '../crypto/wechat-message-crypto';
import { DEFAULT_REPLAY_WINDOW_SECONDS } from '../crypto/wechat-signature.util';
import { DEFAULT_XML_LIMIT_BYTES, parseWechatXml, textOf, type XmlElement } from '../xml/safe-xml';
import { WechatChannelException, WechatChannelExceptionCode } from '../wechat-channel.exception';

/** A WeCom app's callback settings: the same scheme as Official Accounts, the corp id as receive id. */
export interface WecomCallbackAccount {
  readonly corpId: string;
  readonly token: string;
  readonly encodingAesKey: string;
}

export interface WecomCallbackQuery {
  readonly msg_signature?: string;
  readonly timestamp?: string;
  readonly nonce?: string;
  readonly echostr?: string;
}

const cryptoOf = (account: WecomCallbackAccount): WechatMessageCrypto =>
  new WechatMessageCrypto(account.token, account.encodingAesKey, account.corpId);

/** `GET` URL verification: WeCom's echostr is encrypted and signed; the answer is its plaintext. */
export function verifyWecomUrl(
  account: WecomCallbackAccount,
  query: WecomCallbackQuery,
  now: Date,
  windowSeconds = DEFAULT_REPLAY_WINDOW_SECONDS,
): string {
  return cryptoOf(account).open(
    {
      msgSignature: query.msg_signature ?? '',
      timestamp: query.timestamp ?? '',
      nonce: query.nonce ?? '',
      encrypt: query.echostr ?? '',
    },
    now,
    windowSeconds,
  );
}

/** `POST` callback: verified, decrypted (receive id = corp id) and parsed; always encrypted in WeCom. */
export function openWecomCallback(
  account: WecomCallbackAccount,
  query: WecomCallbackQuery,
  body: string | Buffer,
  options: { readonly now: Date; readonly limitBytes?: number; readonly windowSeconds?: number },
): XmlElement {
  const limitBytes = options.limitBytes ?? DEFAULT_XML_LIMIT_BYTES;
  const encrypt = textOf(parseWechatXml(body, limitBytes), 'Encrypt');
  if (encrypt === undefined) {
    throw new WechatChannelException(
      WechatChannelExceptionCode.XmlMalformed,
      'A WeCom callback carries an Encrypt element.',
    );
  }
  const plain = cryptoOf(account).open(
    { msgSignature: query.msg_signature ?? '', timestamp: query.timestamp ?? '', nonce: query.nonce ?? '', encrypt },
    options.now,
    options.windowSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS,
  );
  return parseWechatXml(plain, limitBytes);
}
