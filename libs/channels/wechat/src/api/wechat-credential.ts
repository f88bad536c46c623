import { createHash } from 'node:crypto';

/** Whose access token: an Official Account (AppID + AppSecret) or a WeCom corp (corp id + the kf app's secret). */
export type WechatCredential =
  | { readonly api: 'oa'; readonly appId: string; readonly secret: string }
  | { readonly api: 'wecom'; readonly corpId: string; readonly secret: string };

/**
 * The cache key of a credential's token. A corp has one token per app secret, so the secret's hash is
 * part of it (never the secret itself: keys show up in Redis monitoring).
 */
export function tokenKeyOf(credential: WechatCredential): string {
  const id = credential.api === 'oa' ? credential.appId : credential.corpId;
  const secret = createHash('sha256').update(credential.secret).digest('hex').slice(0, 12);
  return `wechat:token:${credential.api}:${id}:${secret}`;
}

export const credentialIdOf = (credential: WechatCredential): string =>
  credential.api === 'oa' ? credential.appId : credential.corpId;
