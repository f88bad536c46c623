import { createHash } from 'node:crypto';
import { ChannelSdkException, ChannelSdkExceptionCode, type InboundSink } from '@switchboard/channel-sdk';
import type { Logger } from '@switchboard/logger';
import { newId } from '@switchboard/ids';
import { WechatApiException } from '../../api/wechat-api.exception';
import { wechatConversationKey } from '../../conversation-key';
import type { NormalizedWechatInput } from '../../normalized-wechat-input';
import {
  oaPassiveTextReply,
  openOaCallback,
  verifyOaUrl,
  type OaCallbackQuery,
  type OpenedOaCallback,
} from '../../official-account/oa-callback';
import type { ReplyWindowTracker } from '../../outbound/reply-window.tracker';
import { readKfCallback } from '../../wecom/kf-callback';
import type { KfApi } from '../../wecom/kf.api';
import type { KfSyncItem } from '../../wecom/kf-message';
import type { KfSyncPuller } from '../../wecom/kf-sync.puller';
import { normalizeKfMessage } from '../../wecom/normalize-kf-message';
import { openWecomCallback, verifyWecomUrl, type WecomCallbackQuery } from '../../wecom/wecom-callback';
import { oaAccountOf, wecomCallbackOf, wecomCredentialOf, type WechatAccounts } from '../config/wechat-accounts';
import type { WechatKfAccountConfig, WechatOaAccountConfig } from '../config/wechat-channel.config';
import type { WechatDeliveryReports } from '../outbound/wechat-delivery-reports';
import type { WechatMediaFetcher } from './wechat-media.fetcher';
import type { WechatSelfServiceAnswerer } from './wechat-self-service.answerer';

/** What the webhook answers WeChat: `success`, or a passive reply (XML, sealed when the request was). */
export interface WechatAnswer {
  readonly contentType: 'text/plain' | 'text/xml';
  readonly body: string;
}

const SUCCESS: WechatAnswer = { contentType: 'text/plain', body: 'success' };

/** One answer for "no such account" and a bad signature: probing account ids tells nothing. */
const unknownAccount = (): ChannelSdkException =>
  new ChannelSdkException(ChannelSdkExceptionCode.SignatureInvalid, 'The signature does not verify.');

export interface WechatIntakeDeps {
  readonly accounts: WechatAccounts;
  readonly ingress: InboundSink;
  readonly windows: ReplyWindowTracker;
  readonly answerer: WechatSelfServiceAnswerer;
  readonly media: WechatMediaFetcher;
  readonly reports: WechatDeliveryReports;
  readonly puller: KfSyncPuller;
  readonly kf: KfApi;
  readonly maxBodyBytes: number;
  readonly log: Logger;
}

/**
 * The WeChat callbacks, after the route's limits: verified and opened by the protocol core, then per
 * disposition — a contact is published and `success` answered only after the broker acknowledged it
 * (WeChat retries an unanswered callback three times; the MsgId-based channel message id makes a retry
 * a duplicate); a self-service command is answered in place; a template report becomes a delivery
 * report; the rest is acknowledged. A WeCom kf callback is acknowledged at once and pulled after
 * (sync_msg may take longer than WeChat's 5 s).
 */
export class WechatIntake {
  readonly #pulls = new Set<Promise<void>>();

  constructor(private readonly deps: WechatIntakeDeps) {}

  verifyOa(accountId: string, query: OaCallbackQuery, now: Date): string {
    const account = this.deps.accounts.oaById(accountId);
    if (!account) throw unknownAccount();
    return verifyOaUrl(oaAccountOf(account), query, now);
  }

  verifyKf(accountId: string, query: WecomCallbackQuery, now: Date): string {
    const account = this.deps.accounts.kfById(accountId);
    if (!account) throw unknownAccount();
    return verifyWecomUrl(wecomCallbackOf(account), query, now);
  }

  /** Opens an Official Account callback (every check before anything is published or stored). */
  openOa(accountId: string, query: OaCallbackQuery, body: Buffer, now: Date): OpenedOaCallback {
    return this.opened(accountId, query, body, now).opened;
  }

  private opened(
    accountId: string,
    query: OaCallbackQuery,
    body: Buffer,
    now: Date,
  ): { readonly account: WechatOaAccountConfig; readonly opened: OpenedOaCallback } {
    const account = this.deps.accounts.oaById(accountId);
    if (!account) throw unknownAccount();
    const opened = openOaCallback(oaAccountOf(account), query, body, {
      now,
      messageId: newId(),
      limitBytes: this.deps.maxBodyBytes,
    });
    return { account, opened };
  }

  async receiveOa(accountId: string, query: OaCallbackQuery, body: Buffer, now: Date): Promise<WechatAnswer> {
    const { account, opened } = this.opened(accountId, query, body, now);
    const answer = await this.dispose(opened, account.lookupMenuKeys);
    if (answer === undefined) return SUCCESS;
    const to = {
      openId: opened.inbound.customer?.wechatOpenid ?? '',
      originalId: opened.inbound.metadata['wechat_original_id'] || account.originalId,
    };
    const reply = oaPassiveTextReply(oaAccountOf(account), to, answer, {
      encrypted: opened.encrypted,
      now,
      nonce: query.nonce || newId().slice(0, 16),
    });
    return { contentType: 'text/xml', body: reply };
  }

  async receiveKf(accountId: string, query: WecomCallbackQuery, body: Buffer, now: Date): Promise<WechatAnswer> {
    const account = this.deps.accounts.kfById(accountId);
    if (!account) throw unknownAccount();
    const notice = readKfCallback(
      openWecomCallback(wecomCallbackOf(account), query, body, { now, limitBytes: this.deps.maxBodyBytes }),
    );
    if (!notice) return SUCCESS;
    const pull = this.deps.puller
      .pull(wecomCredentialOf(account), notice, (items) => this.handleKfPage(account, items))
      .then(
        (result) => this.deps.log.info({ account: account.id, ...result }, 'kf messages pulled'),
        (error: unknown) =>
          // The cursor stayed where the last handled page left it: the next callback pulls the rest.
          this.deps.log.error(
            { err: error, account: account.id },
            'kf sync_msg pull failed; the next callback resumes',
          ),
      )
      .finally(() => this.#pulls.delete(pull));
    this.#pulls.add(pull);
    return SUCCESS;
  }

  /** Resolves when every kf pull started so far finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#pulls.size > 0) await Promise.allSettled([...this.#pulls]);
  }

  /** The passive answer for the customer, if any; publishes what is a contact. Throws when publishing fails. */
  private async dispose(input: NormalizedWechatInput, lookupMenuKeys?: readonly string[]): Promise<string | undefined> {
    const { disposition, inbound } = input;
    switch (disposition.kind) {
      case 'contact':
      case 'menu_click': {
        const answer = await this.deps.answerer.answer(input, lookupMenuKeys);
        if (answer === undefined) await this.deps.ingress.accept([await this.deps.media.fetch(inbound)]);
        await this.recordInteraction(input);
        return answer;
      }
      case 'delivery_report':
        await this.deps.reports.providerReported(inbound.tenant, disposition);
        return undefined;
      case 'noise':
        await this.recordInteraction(input);
        return undefined;
      default:
        return disposition satisfies never;
    }
  }

  private async recordInteraction(input: NormalizedWechatInput): Promise<void> {
    if (input.interaction) await this.deps.windows.recordInteraction(input.inbound.conversationKey, input.interaction);
  }

  /** One sync_msg page: self-service answers go back by send_msg, the rest is published in one batch. */
  private async handleKfPage(account: WechatKfAccountConfig, items: readonly KfSyncItem[]): Promise<void> {
    const receivedAt = new Date();
    const publish = [];
    for (const item of items) {
      const input = normalizeKfMessage(item, {
        tenant: account.tenant,
        accountId: account.id,
        corpId: account.corpId,
        messageId: newId(),
        receivedAt,
      });
      const { disposition } = input;
      if (disposition.kind === 'contact' || disposition.kind === 'menu_click') {
        const answer = await this.deps.answerer.answer(input);
        if (answer === undefined) publish.push(await this.deps.media.fetch(input.inbound));
        else await this.answerKf(account, item, answer);
      } else if (disposition.kind === 'delivery_report') {
        await this.deps.reports.providerReported(account.tenant, disposition);
      }
      await this.recordInteraction(input);
    }
    if (publish.length > 0) await this.deps.ingress.accept(publish);
  }

  private async answerKf(account: WechatKfAccountConfig, item: KfSyncItem, content: string): Promise<void> {
    const externalUserId = item.external_userid ?? '';
    // Derived from the customer's msgid: a page pulled twice is refused by WeCom, not answered twice.
    const msgid = `ss${createHash('sha256').update(item.msgid).digest('hex').slice(0, 30)}`;
    try {
      await this.deps.kf.sendText(wecomCredentialOf(account), {
        openKfId: item.open_kfid,
        externalUserId,
        content,
        msgid,
      });
    } catch (error) {
      // WeCom down: the page is pulled again later. Refused (a repeat's msgid, a closed session): the
      // answer is lost, but the page must not block the account's cursor for good.
      if (error instanceof WechatApiException && error.kind === 'unavailable') throw error;
      this.deps.log.warn({ err: error, account: account.id }, 'kf self-service answer refused');
      return;
    }
    const key = wechatConversationKey({ api: 'kf', corpId: account.corpId, openKfId: item.open_kfid, externalUserId });
    await this.deps.windows.recordSent(key);
  }
}
