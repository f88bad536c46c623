import { randomBytes } from 'node:crypto';
import { WechatMessageCrypto } from '../crypto/wechat-message-crypto';
import { wechatSignature } from '../crypto/wechat-signature.util';
import { buildWechatXml, type XmlFields } from '../xml/build-xml';

/** An HTTP request as WeChat sends it to our server URL (for app.inject or fetch). */
export interface WechatCallbackRequest {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string;
}

export interface OaTestAccount {
  readonly id: string;
  readonly appId: string;
  readonly token: string;
  readonly encodingAesKey: string;
  readonly originalId: string;
}

export interface KfTestAccount {
  readonly id: string;
  readonly corpId: string;
  readonly token: string;
  readonly encodingAesKey: string;
}

const nonceOf = (): string => randomBytes(6).toString('hex');
const secondsOf = (at: Date): string => String(Math.floor(at.getTime() / 1000));

/** A customer's text as the Official Account platform sends it: the plain XML inside the envelope. */
export function oaTextXml(
  account: OaTestAccount,
  openId: string,
  text: string,
  msgId: string,
  at = new Date(),
): XmlFields {
  return {
    ToUserName: account.originalId,
    FromUserName: openId,
    CreateTime: { raw: Math.floor(at.getTime() / 1000) },
    MsgType: 'text',
    Content: text,
    MsgId: msgId,
  };
}

/**
 * A safe-mode (AES) callback computed from the account's keys, as WeChat does: the URL signed over
 * (token, timestamp, nonce), the body sealed and signed over (token, timestamp, nonce, Encrypt).
 */
export function signedOaRequest(
  account: OaTestAccount,
  fields: XmlFields,
  options: { readonly at?: Date; readonly encrypted?: boolean; readonly path?: string } = {},
): WechatCallbackRequest {
  const timestamp = secondsOf(options.at ?? new Date());
  const nonce = nonceOf();
  const plain = buildWechatXml(fields);
  const query = new URLSearchParams({
    signature: wechatSignature(account.token, timestamp, nonce),
    timestamp,
    nonce,
    openid: typeof fields['FromUserName'] === 'string' ? fields['FromUserName'] : '',
  });
  let payload = plain;
  if (options.encrypted !== false) {
    const sealed = new WechatMessageCrypto(account.token, account.encodingAesKey, account.appId).seal(
      plain,
      timestamp,
      nonce,
    );
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', sealed.msgSignature);
    payload = buildWechatXml({ ToUserName: account.originalId, Encrypt: sealed.encrypt });
  }
  return {
    method: 'POST',
    url: `${options.path ?? `/wechat/oa/${account.id}`}?${query.toString()}`,
    headers: { 'content-type': 'text/xml' },
    payload,
  };
}

/** WeCom's "there are kf messages" callback (kf_msg_or_event), sealed with the corp id as receive id. */
export function signedKfCallback(
  account: KfTestAccount,
  openKfId: string,
  syncToken: string,
  at = new Date(),
): WechatCallbackRequest {
  const timestamp = secondsOf(at);
  const nonce = nonceOf();
  const plain = buildWechatXml({
    ToUserName: account.corpId,
    CreateTime: { raw: Math.floor(at.getTime() / 1000) },
    MsgType: 'event',
    Event: 'kf_msg_or_event',
    Token: syncToken,
    OpenKfId: openKfId,
  });
  const sealed = new WechatMessageCrypto(account.token, account.encodingAesKey, account.corpId).seal(
    plain,
    timestamp,
    nonce,
  );
  const query = new URLSearchParams({ msg_signature: sealed.msgSignature, timestamp, nonce });
  return {
    method: 'POST',
    url: `/wechat/kf/${account.id}?${query.toString()}`,
    headers: { 'content-type': 'text/xml' },
    payload: buildWechatXml({ ToUserName: account.corpId, AgentID: '', Encrypt: sealed.encrypt }),
  };
}
