import type { OaCredential } from '../../api/official-account.api';
import type { WechatConversation } from '../../conversation-key';
import type { OaAccount } from '../../official-account/oa-callback';
import type { ReplyCredentials } from '../../outbound/send-wechat-reply';
import type { WecomCallbackAccount } from '../../wecom/wecom-callback';
import type { WecomCredential } from '../../wecom/kf.api';
import {
  replyTemplateOf,
  type WechatAccountConfig,
  type WechatKfAccountConfig,
  type WechatOaAccountConfig,
} from './wechat-channel.config';

export const oaAccountOf = (a: WechatOaAccountConfig): OaAccount => ({
  tenant: a.tenant,
  accountId: a.id,
  appId: a.appId,
  token: a.token,
  mode: a.mode,
  ...(a.encodingAesKey ? { encodingAesKey: a.encodingAesKey } : {}),
});

export const oaCredentialOf = (a: WechatOaAccountConfig): OaCredential => ({
  api: 'oa',
  appId: a.appId,
  secret: a.appSecret,
});

export const wecomCallbackOf = (a: WechatKfAccountConfig): WecomCallbackAccount => ({
  corpId: a.corpId,
  token: a.token,
  encodingAesKey: a.encodingAesKey,
});

export const wecomCredentialOf = (a: WechatKfAccountConfig): WecomCredential => ({
  api: 'wecom',
  corpId: a.corpId,
  secret: a.secret,
});

/** The configured accounts, by the id in their callback URL and by the platform id in conversation keys. */
export class WechatAccounts {
  private readonly oa = new Map<string, WechatOaAccountConfig>();
  private readonly kf = new Map<string, WechatKfAccountConfig>();

  constructor(accounts: readonly WechatAccountConfig[]) {
    for (const account of accounts) {
      if (account.kind === 'oa') this.oa.set(account.id, account);
      else this.kf.set(account.id, account);
    }
  }

  get size(): number {
    return this.oa.size + this.kf.size;
  }

  oaById(id: string): WechatOaAccountConfig | undefined {
    return this.oa.get(id);
  }

  kfById(id: string): WechatKfAccountConfig | undefined {
    return this.kf.get(id);
  }

  oaByAppId(tenant: string, appId: string): WechatOaAccountConfig | undefined {
    return [...this.oa.values()].find((a) => a.tenant === tenant && a.appId === appId);
  }

  kfByCorpId(tenant: string, corpId: string): WechatKfAccountConfig | undefined {
    return [...this.kf.values()].find((a) => a.tenant === tenant && a.corpId === corpId);
  }

  /** The WeCom userid of an agent of this tenant in this corp's kf account, if the admin named one. */
  kfServicerOf(tenant: string, corpId: string, agentId: string): string | undefined {
    return this.kfByCorpId(tenant, corpId)?.servicers[agentId];
  }

  /**
   * The credentials answering a conversation of this tenant. The tenant is part of the match: a reply
   * is never sent through another tenant's account, even one with the same AppID.
   */
  credentialsFor(tenant: string, conversation: WechatConversation): ReplyCredentials | undefined {
    if (conversation.api === 'oa') {
      const account = this.oaByAppId(tenant, conversation.appId);
      if (!account) return undefined;
      const template = replyTemplateOf(account);
      return { oa: oaCredentialOf(account), ...(template ? { template } : {}) };
    }
    if (conversation.api === 'kf') {
      const account = this.kfByCorpId(tenant, conversation.corpId);
      return account ? { wecom: wecomCredentialOf(account) } : undefined;
    }
    return undefined;
  }
}
