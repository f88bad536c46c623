import type { EmailMessageRecord } from '../store/email-message.repository';
import type { ReplyTokenRepository } from '../store/reply-token.repository';
import type { ThreadingKeys } from './threading-keys';

export interface ResolvedThread {
  readonly conversationKey: string;
  /** The ticket number to hint at, or '' to let the ticket service decide by conversation. */
  readonly ticketNumber: string;
  readonly matchedBy: 'reply_token' | 'message_id' | 'subject_token' | 'new';
}

export const newConversationKey = (channelMessageId: string): string => `email:${channelMessageId}`;

/**
 * Finds the thread of an inbound mail, first match wins: our reply-address token, then In-Reply-To /
 * References against Message-IDs we stored or sent, then the `[#SB-…]` subject token, else a new thread
 * keyed by the mail's own Message-ID. The ticket service still checks a quoted number belongs to the sender.
 */
export async function resolveThread(
  tenantId: string,
  keys: ThreadingKeys,
  channelMessageId: string,
  stores: {
    readonly messages: { findAll(tenantId: string, ids: readonly string[]): Promise<EmailMessageRecord[]> };
    readonly tokens: ReplyTokenRepository;
  },
): Promise<ResolvedThread> {
  if (keys.replyToken) {
    const target = await stores.tokens.find(tenantId, keys.replyToken);
    if (target)
      return { conversationKey: target.conversationKey, ticketNumber: target.ticketNumber, matchedBy: 'reply_token' };
  }
  const [known] = await stores.messages.findAll(tenantId, keys.referencedMessageIds);
  if (known) {
    return {
      conversationKey: known.conversationKey,
      ticketNumber: known.ticketNumber ?? keys.subjectTicketNumber ?? '',
      matchedBy: 'message_id',
    };
  }
  const conversationKey = newConversationKey(channelMessageId);
  if (keys.subjectTicketNumber)
    return { conversationKey, ticketNumber: keys.subjectTicketNumber, matchedBy: 'subject_token' };
  return { conversationKey, ticketNumber: '', matchedBy: 'new' };
}
