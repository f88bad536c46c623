import { z } from 'zod';
import { fieldProblemsOf } from '@switchboard/http';
import { toE164, toSenderAddress } from '../phone/e164';
import { VoiceChannelException, VoiceChannelExceptionCode } from '../voice-channel.exception';
import type { WebhookParams } from '../signature/twilio-signature';
import { ACCOUNT_SID, MESSAGE_SID, optionalText, sidOf } from './twilio-sid';

/** Twilio accepts at most 10 media per MMS. */
export const MAX_MEDIA_PER_MESSAGE = 10;
/** A long inbound SMS arrives reassembled; 1,600 characters is Twilio's limit, with room for MMS text. */
const MAX_BODY = 5_000;

export interface InboundMedia {
  readonly index: number;
  readonly url: string;
  readonly contentType: string;
}

/** Where Twilio's lookup placed each side, when it knows; kept as metadata for agents, never trusted. */
export interface NumberGeography {
  readonly city?: string | undefined;
  readonly state?: string | undefined;
  readonly zip?: string | undefined;
  readonly country?: string | undefined;
}

export interface InboundSms {
  readonly messageSid: string;
  readonly accountSid: string;
  readonly messagingServiceSid?: string | undefined;
  /** The customer's number, E.164. */
  readonly from: string;
  /** Our number (E.164) or short code. */
  readonly to: string;
  readonly body: string;
  readonly media: readonly InboundMedia[];
  readonly numSegments?: number | undefined;
  readonly fromGeography: NumberGeography;
  readonly toGeography: NumberGeography;
  /** Set when the Messaging Service's Advanced Opt-Out matched a keyword (`STOP`, `START`, `HELP`). */
  readonly optOutType?: string | undefined;
  readonly apiVersion?: string | undefined;
}

const place = {
  city: optionalText(100),
  state: optionalText(100),
  zip: optionalText(20),
  country: optionalText(2),
};

/** Unknown parameters are ignored, not refused: Twilio adds new ones without notice. */
const inboundSmsSchema = z.object({
  MessageSid: MESSAGE_SID,
  SmsSid: MESSAGE_SID.optional(),
  SmsMessageSid: MESSAGE_SID.optional(),
  AccountSid: ACCOUNT_SID,
  MessagingServiceSid: z.preprocess((v) => (v === '' ? undefined : v), sidOf('MG').optional()),
  From: z.string().min(1).max(64),
  To: z.string().min(1).max(64),
  Body: z.string().max(MAX_BODY).default(''),
  NumMedia: z.coerce.number().int().min(0).max(MAX_MEDIA_PER_MESSAGE).default(0),
  NumSegments: z.coerce.number().int().min(0).max(100).optional(),
  FromCity: place.city,
  FromState: place.state,
  FromZip: place.zip,
  FromCountry: place.country,
  ToCity: place.city,
  ToState: place.state,
  ToZip: place.zip,
  ToCountry: place.country,
  OptOutType: optionalText(20),
  ApiVersion: optionalText(20),
});

const mediaSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  contentType: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+(?:\s*;.*)?$/, 'must be a media type')
    .transform((t) => t.split(';')[0]?.trim().toLowerCase() ?? t),
});

const invalid = (problems: ReturnType<typeof fieldProblemsOf>): VoiceChannelException =>
  new VoiceChannelException(VoiceChannelExceptionCode.InvalidWebhook, 'The SMS webhook is not valid.', problems);

function mediaOf(params: WebhookParams, count: number): InboundMedia[] {
  const media: InboundMedia[] = [];
  for (let index = 0; index < count; index += 1) {
    const input = { url: params[`MediaUrl${index}`], contentType: params[`MediaContentType${index}`] };
    const parsed = mediaSchema.safeParse(input);
    if (!parsed.success) {
      throw invalid(
        fieldProblemsOf(parsed.error, input).map((p) => ({
          ...p,
          field: p.field === 'url' ? `MediaUrl${index}` : `MediaContentType${index}`,
        })),
      );
    }
    media.push({ index, ...parsed.data });
  }
  return media;
}

function numberProblem(field: string): VoiceChannelException {
  return invalid([{ field, reason: 'invalid_phone', message: `${field} is not a valid phone number.` }]);
}

/**
 * An inbound SMS/MMS webhook's signed parameters, validated and normalized: numbers to E.164, the
 * `MediaUrl0..N` / `MediaContentType0..N` pairs collected up to `NumMedia`. Throws `invalid_webhook`
 * with per-field reasons.
 */
export function parseInboundSms(params: WebhookParams, expectedAccountSid?: string): InboundSms {
  const parsed = inboundSmsSchema.safeParse(params);
  if (!parsed.success) throw invalid(fieldProblemsOf(parsed.error, params));
  const p = parsed.data;
  if (expectedAccountSid && p.AccountSid !== expectedAccountSid) {
    throw invalid([{ field: 'AccountSid', reason: 'invalid_value', message: 'AccountSid is not this account.' }]);
  }
  const from = toE164(p.From);
  if (!from) throw numberProblem('From');
  const to = toSenderAddress(p.To);
  if (!to) throw numberProblem('To');
  return {
    messageSid: p.MessageSid,
    accountSid: p.AccountSid,
    messagingServiceSid: p.MessagingServiceSid,
    from,
    to,
    body: p.Body,
    media: mediaOf(params, p.NumMedia),
    numSegments: p.NumSegments,
    fromGeography: { city: p.FromCity, state: p.FromState, zip: p.FromZip, country: p.FromCountry },
    toGeography: { city: p.ToCity, state: p.ToState, zip: p.ToZip, country: p.ToCountry },
    optOutType: p.OptOutType?.toUpperCase(),
    apiVersion: p.ApiVersion,
  };
}
