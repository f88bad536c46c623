import type { MediaFile, OaCredential, OfficialAccountApi } from '../api/official-account.api';
import { WechatApiException, WechatApiExceptionCode } from '../api/wechat-api.exception';
import type { WechatConversation } from '../conversation-key';
import type { KfApi, WecomCredential } from '../wecom/kf.api';
import { decideReplyWindow, type UndeliverableReason } from './reply-window';
import type { ReplyWindowTracker } from './reply-window.tracker';

/** The tenant's template for replies outside the window: `{ticketNumber}` and `{text}` are filled in. */
export interface ReplyTemplate {
  readonly templateId: string;
  readonly data: Readonly<Record<string, string>>;
  /** e.g. the portal link of the ticket, with `{ticketNumber}`. */
  readonly url?: string;
}

export interface WechatReply {
  /** Our outbound message id (UUID): also the WeCom msgid, so a redelivered reply is refused, not sent twice. */
  readonly outboundMessageId: string;
  readonly conversationKey: string;
  /** Official Account or WeCom kf; a Wechaty bot's conversation is answered by the bot (`WechatyBot.reply`). */
  readonly conversation: Exclude<WechatConversation, { readonly api: 'bot' }>;
  readonly ticketNumber: string;
  readonly text: string;
  /** Images and voice the agent attached, already read from the blob store (Official Accounts only). */
  readonly media?: readonly (MediaFile & { readonly kind: 'image' | 'voice' })[];
}

export type WechatReplyOutcome =
  | { readonly status: 'sent'; readonly via: 'customer_service' | 'kf'; readonly providerMessageId?: string }
  | { readonly status: 'sent'; readonly via: 'template'; readonly providerMessageId: string }
  | {
      readonly status: 'undeliverable';
      readonly reason: UndeliverableReason | 'platform_refused';
      readonly explanation: string;
    };

export interface ReplyCredentials {
  readonly oa?: OaCredential;
  readonly wecom?: WecomCredential;
  readonly template?: ReplyTemplate;
}

const fill = (pattern: string, reply: WechatReply): string =>
  pattern
    .replaceAll('{ticketNumber}', reply.ticketNumber)
    .replaceAll('{text}', Array.from(reply.text).slice(0, 100).join(''));

/** WeCom msgids are at most 32 of [0-9a-zA-Z_-]: a UUID loses its dashes, not its last digits. */
function kfMsgId(id: string): string {
  const allowed = id.replace(/[^0-9a-zA-Z_-]/g, '');
  return (allowed.length > 32 ? allowed.replaceAll('-', '') : allowed).slice(0, 32);
}

/**
 * Delivers an agent's reply: a free-form customer-service message (kf/send_msg for WeCom) inside the
 * 48-hour window, the tenant's template outside it, else "undeliverable" with the reason the agent
 * sees. The platform's own 45015/45047 (our view of the window was stale) leads to the same fallback.
 * Other API errors are thrown: the outbound consumer retries `unavailable`, dead-letters the rest.
 */
export class SendWechatReply {
  constructor(
    private readonly oa: OfficialAccountApi,
    private readonly kf: KfApi,
    private readonly windows: ReplyWindowTracker,
  ) {}

  async execute(reply: WechatReply, credentials: ReplyCredentials, now: Date): Promise<WechatReplyOutcome> {
    const decision = decideReplyWindow({
      api: reply.conversation.api,
      interactions: await this.windows.interactions(reply.conversationKey),
      now,
      templateConfigured: credentials.template !== undefined,
    });
    // No record at all (a restarted embedded app lost its in-memory windows, or the record expired):
    // the platform is the judge, so try the free-form message and fall back on its 45015 / 45047.
    const unknown = decision.send !== 'free_form' && decision.reason === 'no_interaction';
    if (decision.send === 'undeliverable' && !unknown)
      return { status: 'undeliverable', reason: decision.reason, explanation: decision.explanation };
    if (decision.send === 'template' && !unknown) return this.template(reply, credentials);
    try {
      const outcome = await this.freeForm(reply, credentials);
      await this.windows.recordSent(reply.conversationKey);
      return outcome;
    } catch (error) {
      if (!(error instanceof WechatApiException) || error.code !== WechatApiExceptionCode.ReplyWindowClosed)
        throw error;
      if (credentials.template && reply.conversation.api === 'oa') return this.template(reply, credentials);
      return {
        status: 'undeliverable',
        reason: 'platform_refused',
        explanation: `WeChat refused the reply: ${error.message}`,
      };
    }
  }

  private async freeForm(reply: WechatReply, credentials: ReplyCredentials): Promise<WechatReplyOutcome> {
    const conversation = reply.conversation;
    if (conversation.api === 'kf') {
      const providerMessageId = await this.kf.sendText(required(credentials.wecom, 'WeCom'), {
        openKfId: conversation.openKfId,
        externalUserId: conversation.externalUserId,
        content: reply.text,
        msgid: kfMsgId(reply.outboundMessageId),
      });
      return { status: 'sent', via: 'kf', providerMessageId };
    }
    const credential = required(credentials.oa, 'Official Account');
    if (reply.text.trim() !== '') await this.oa.sendText(credential, conversation.openId, reply.text);
    for (const file of reply.media ?? []) {
      const mediaId = await this.oa.uploadMedia(credential, file.kind, file);
      await this.oa.sendMedia(credential, conversation.openId, file.kind, mediaId);
    }
    return { status: 'sent', via: 'customer_service' };
  }

  private async template(reply: WechatReply, credentials: ReplyCredentials): Promise<WechatReplyOutcome> {
    const template = required(credentials.template, 'template');
    if (reply.conversation.api !== 'oa') throw new Error('templates exist for Official Accounts only');
    const providerMessageId = await this.oa.sendTemplate(required(credentials.oa, 'Official Account'), {
      openId: reply.conversation.openId,
      templateId: template.templateId,
      data: Object.fromEntries(Object.entries(template.data).map(([key, value]) => [key, fill(value, reply)])),
      ...(template.url ? { url: fill(template.url, reply) } : {}),
    });
    return { status: 'sent', via: 'template', providerMessageId };
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new WechatApiException(
      WechatApiExceptionCode.CredentialsRejected,
      `No ${what} credentials for this conversation.`,
      0,
    );
  }
  return value;
}
