import { z } from 'zod';
import {
  Channel,
  DeliveryReportSchema,
  DeliveryReport_Status,
  create,
  timestampFromDate,
  type DeliveryReport,
} from '@switchboard/contracts';
import { fieldProblemsOf } from '@switchboard/http';
import type { WebhookParams } from '../signature/twilio-signature';
import { ACCOUNT_SID, MESSAGE_SID, optionalText } from '../sms/twilio-sid';
import { VoiceChannelException, VoiceChannelExceptionCode } from '../voice-channel.exception';
import { TwilioErrorCodes, describeTwilioError } from './twilio-errors';

/** Every status Twilio reports for an outbound message (Message resource, status values). */
export const OUTBOUND_STATUSES = [
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'undelivered',
  'failed',
  'canceled',
  'partially_delivered',
] as const;

export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

const callbackSchema = z.object({
  MessageSid: MESSAGE_SID,
  AccountSid: ACCOUNT_SID,
  MessageStatus: z.enum(OUTBOUND_STATUSES),
  To: optionalText(64),
  From: optionalText(64),
  ErrorCode: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
  ErrorMessage: optionalText(500),
});

/** What our status-callback URL names (we put it there when sending; Twilio signed it). */
const querySchema = z.object({
  tenant: z.string().min(1).max(64),
  message: z.string().min(1).max(64),
  ticket: z.string().min(1).max(64),
});

export interface SmsStatusUpdate {
  readonly status: OutboundStatus;
  /** Null while the message is on its way (accepted → sending): nothing to record yet. */
  readonly report: DeliveryReport | null;
  /** Statuses can arrive out of order (`sent` after `delivered`): apply only a higher rank. */
  readonly rank: number;
  /** Twilio says the recipient has opted out: record it, so nothing is sent again. */
  readonly revealsOptOut: boolean;
  readonly tenant: string;
}

const invalid = (problems: ReturnType<typeof fieldProblemsOf>): VoiceChannelException =>
  new VoiceChannelException(
    VoiceChannelExceptionCode.InvalidWebhook,
    'The SMS status callback is not valid.',
    problems,
  );

function statusOf(status: OutboundStatus): { report: DeliveryReport_Status | null; rank: number } {
  switch (status) {
    case 'accepted':
    case 'scheduled':
      return { report: null, rank: 0 };
    case 'queued':
    case 'sending':
      return { report: null, rank: 1 };
    case 'sent':
      return { report: DeliveryReport_Status.SENT, rank: 2 };
    case 'delivered':
    case 'read':
      return { report: DeliveryReport_Status.DELIVERED, rank: 3 };
    case 'undelivered':
    case 'failed':
    case 'canceled':
    case 'partially_delivered':
      return { report: DeliveryReport_Status.FAILED, rank: 3 };
    default: {
      const unmapped: never = status;
      throw new Error(`unmapped Twilio message status ${String(unmapped)}`);
    }
  }
}

function detailOf(status: OutboundStatus, code: number | undefined, message: string | undefined): string {
  if (code === undefined) return status === 'delivered' || status === 'sent' || status === 'read' ? '' : status;
  return `${status}: error ${code} (${message ?? describeTwilioError(code)})`;
}

/**
 * A signed status callback for one of our SMS, as the project's DeliveryReport: sent → SENT,
 * delivered/read → DELIVERED, undelivered/failed/canceled → FAILED with Twilio's error code.
 */
export function parseSmsStatusCallback(
  params: WebhookParams,
  query: URLSearchParams,
  occurredAt: Date,
): SmsStatusUpdate {
  const parsed = callbackSchema.safeParse(params);
  if (!parsed.success) throw invalid(fieldProblemsOf(parsed.error, params));
  const queryInput = Object.fromEntries(query);
  const names = querySchema.safeParse(queryInput);
  if (!names.success) throw invalid(fieldProblemsOf(names.error, queryInput));
  const p = parsed.data;
  const { report, rank } = statusOf(p.MessageStatus);
  return {
    status: p.MessageStatus,
    rank,
    tenant: names.data.tenant,
    revealsOptOut: p.ErrorCode === TwilioErrorCodes.unsubscribedRecipient,
    report:
      report === null
        ? null
        : create(DeliveryReportSchema, {
            messageId: names.data.message,
            tenant: names.data.tenant,
            channel: Channel.SMS,
            ticketId: names.data.ticket,
            status: report,
            detail: detailOf(p.MessageStatus, p.ErrorCode, p.ErrorMessage).slice(0, 1_000),
            recipient: p.To ?? '',
            providerMessageId: p.MessageSid,
            occurredAt: timestampFromDate(occurredAt),
          }),
  };
}

/** The report for a reply that was never sent (opted-out recipient, permanent refusal after retries). */
export function undeliveredSmsReport(
  reply: { readonly messageId: string; readonly tenant: string; readonly ticketId: string; readonly to: string },
  detail: string,
  occurredAt: Date,
): DeliveryReport {
  return create(DeliveryReportSchema, {
    messageId: reply.messageId,
    tenant: reply.tenant,
    channel: Channel.SMS,
    ticketId: reply.ticketId,
    status: DeliveryReport_Status.FAILED,
    detail: detail.slice(0, 1_000),
    recipient: reply.to,
    occurredAt: timestampFromDate(occurredAt),
  });
}
