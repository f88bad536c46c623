import { Channel, InboundMessageSchema, create, timestampFromDate, type InboundMessage } from '@switchboard/contracts';
import type { InboundSms } from './inbound-sms';
import { quotedTicketNumberOf } from './quoted-ticket-number';
import { attachmentsOf, skippedMetadataOf, type SkippedMedia, type StoredMedia } from './stored-media';

export interface SmsInboundContext {
  readonly messageId: string;
  readonly tenant: string;
  readonly receivedAt: Date;
  /** The language the tenant configured for this number (`en`, `zh-CN`), as a routing hint. */
  readonly language?: string | undefined;
}

/**
 * One conversation per number pair: a customer texting the same number of ours threads onto their
 * open SMS ticket; texting another of our numbers (another department) starts its own.
 */
export const smsConversationKey = (customer: string, ours: string): string => `sms:${customer}:${ours}`;

const SUBJECT_MAX = 80;

function subjectOf(sms: InboundSms): string {
  const firstLine = sms.body.trim().split(/\r?\n/)[0]?.trim() ?? '';
  if (firstLine) return firstLine.length > SUBJECT_MAX ? `${firstLine.slice(0, SUBJECT_MAX - 1)}…` : firstLine;
  return sms.media.length > 0 ? `MMS from ${sms.from}` : `SMS from ${sms.from}`;
}

function geographyMetadata(sms: InboundSms): Record<string, string> {
  const entries: [string, string | undefined][] = [
    ['from_city', sms.fromGeography.city],
    ['from_state', sms.fromGeography.state],
    ['from_country', sms.fromGeography.country],
    ['to_country', sms.toGeography.country],
  ];
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * The InboundMessage for a customer's text. The sender's number is verified: Twilio signed the
 * webhook, and carriers put the number there (spoofing is the carrier's problem, as with caller id).
 * Dedupe is on MessageSid, which Twilio keeps across its webhook retries.
 */
export function smsToInboundMessage(
  sms: InboundSms,
  media: readonly StoredMedia[],
  skipped: readonly SkippedMedia[],
  ctx: SmsInboundContext,
): InboundMessage {
  return create(InboundMessageSchema, {
    messageId: ctx.messageId,
    tenant: ctx.tenant,
    channel: Channel.SMS,
    channelMessageId: sms.messageSid,
    conversationKey: smsConversationKey(sms.from, sms.to),
    customer: { phone: sms.from, verified: ['phone'] },
    subject: subjectOf(sms),
    bodyText: sms.body,
    attachments: attachmentsOf(media),
    hints: { ticketNumber: quotedTicketNumberOf(sms.body) ?? '', language: ctx.language ?? '' },
    receivedAt: timestampFromDate(ctx.receivedAt),
    metadata: {
      twilio_message_sid: sms.messageSid,
      twilio_account_sid: sms.accountSid,
      twilio_to: sms.to,
      ...(sms.messagingServiceSid ? { twilio_messaging_service_sid: sms.messagingServiceSid } : {}),
      ...(sms.numSegments !== undefined ? { twilio_num_segments: String(sms.numSegments) } : {}),
      ...geographyMetadata(sms),
      ...skippedMetadataOf(skipped),
    },
  });
}
