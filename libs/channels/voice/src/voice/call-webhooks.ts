import { z } from 'zod';
import { fieldProblemsOf } from '@switchboard/http';
import { toE164, toSenderAddress } from '../phone/e164';
import type { WebhookParams } from '../signature/twilio-signature';
import { ACCOUNT_SID, CALL_SID, RECORDING_SID, TRANSCRIPTION_SID, optionalText } from '../sms/twilio-sid';
import { VoiceChannelException, VoiceChannelExceptionCode } from '../voice-channel.exception';

/** Twilio's call statuses (Call resource). The last four end a call that nobody answered or that failed. */
export const CALL_STATUSES = [
  'queued',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const RECORDING_STATUSES = ['in-progress', 'completed', 'absent', 'failed'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

const numbers = { From: z.string().min(1).max(64), To: z.string().min(1).max(64) };
const optionalInt = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).optional());

const callSchema = z.object({ CallSid: CALL_SID, AccountSid: ACCOUNT_SID, ...numbers });

const gatherSchema = callSchema.extend({
  Digits: optionalText(20),
  SpeechResult: optionalText(1_000),
  Confidence: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().min(0).max(1).optional()),
});

const callStatusSchema = callSchema.extend({
  CallStatus: z.enum(CALL_STATUSES),
  CallDuration: optionalInt,
  Direction: optionalText(30),
});

/** Recording status callbacks carry no From/To: the caller comes from the callback URL we signed. */
const recordingStatusSchema = z.object({
  AccountSid: ACCOUNT_SID,
  CallSid: CALL_SID,
  RecordingSid: z.preprocess((v) => (v === '' ? undefined : v), RECORDING_SID.optional()),
  RecordingUrl: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
  RecordingStatus: z.enum(RECORDING_STATUSES),
  RecordingDuration: optionalInt,
  ErrorCode: optionalInt,
});

const transcriptionSchema = z.object({
  AccountSid: ACCOUNT_SID,
  CallSid: CALL_SID,
  TranscriptionSid: TRANSCRIPTION_SID,
  TranscriptionStatus: z.enum(['completed', 'failed']),
  TranscriptionText: z.string().max(20_000).default(''),
  RecordingSid: RECORDING_SID,
});

function parse<T extends z.ZodType>(schema: T, params: Readonly<Record<string, string>>, what: string): z.infer<T> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    throw new VoiceChannelException(
      VoiceChannelExceptionCode.InvalidWebhook,
      `The ${what} is not valid.`,
      fieldProblemsOf(parsed.error, params),
    );
  }
  return parsed.data;
}

function callParties(p: { From: string; To: string }): { caller: string; called: string } {
  const caller = toE164(p.From);
  const called = toSenderAddress(p.To);
  if (!caller || !called) {
    const field = caller ? 'To' : 'From';
    throw new VoiceChannelException(VoiceChannelExceptionCode.InvalidWebhook, 'The call webhook is not valid.', [
      { field, reason: 'invalid_phone', message: `${field} is not a valid phone number.` },
    ]);
  }
  return { caller, called };
}

export interface CallParties {
  readonly callSid: string;
  /** The customer, E.164. A withheld number ("anonymous") is refused: no ticket can answer it. */
  readonly caller: string;
  readonly called: string;
}

export const parseIncomingCall = (params: WebhookParams): CallParties => {
  const p = parse(callSchema, params, 'incoming call webhook');
  return { callSid: p.CallSid, ...callParties(p) };
};

export interface GatherResult extends CallParties {
  readonly digits?: string | undefined;
  readonly speech?: string | undefined;
  readonly confidence?: number | undefined;
}

export const parseGatherResult = (params: WebhookParams): GatherResult => {
  const p = parse(gatherSchema, params, 'menu webhook');
  return { callSid: p.CallSid, ...callParties(p), digits: p.Digits, speech: p.SpeechResult, confidence: p.Confidence };
};

export interface CallStatusUpdate extends CallParties {
  readonly status: CallStatus;
  readonly durationSeconds?: number | undefined;
}

export const parseCallStatus = (params: WebhookParams): CallStatusUpdate => {
  const p = parse(callStatusSchema, params, 'call status callback');
  return { callSid: p.CallSid, ...callParties(p), status: p.CallStatus, durationSeconds: p.CallDuration };
};

export interface RecordingStatusUpdate {
  readonly callSid: string;
  readonly recordingSid?: string | undefined;
  readonly recordingUrl?: string | undefined;
  readonly status: RecordingStatus;
  readonly durationSeconds?: number | undefined;
  readonly errorCode?: number | undefined;
}

export const parseRecordingStatus = (params: WebhookParams): RecordingStatusUpdate => {
  const p = parse(recordingStatusSchema, params, 'recording status callback');
  if (p.RecordingStatus === 'completed' && (!p.RecordingSid || !p.RecordingUrl)) {
    throw new VoiceChannelException(
      VoiceChannelExceptionCode.InvalidWebhook,
      'The recording status callback is not valid.',
      [
        {
          field: p.RecordingSid ? 'RecordingUrl' : 'RecordingSid',
          reason: 'required',
          message: 'A completed recording names its id and URL.',
        },
      ],
    );
  }
  return {
    callSid: p.CallSid,
    recordingSid: p.RecordingSid,
    recordingUrl: p.RecordingUrl,
    status: p.RecordingStatus,
    durationSeconds: p.RecordingDuration,
    errorCode: p.ErrorCode,
  };
};

export interface TranscriptionResult {
  readonly callSid: string;
  readonly transcriptionSid: string;
  readonly recordingSid: string;
  readonly status: 'completed' | 'failed';
  readonly text: string;
}

export const parseTranscription = (params: WebhookParams): TranscriptionResult => {
  const p = parse(transcriptionSchema, params, 'transcription callback');
  return {
    callSid: p.CallSid,
    transcriptionSid: p.TranscriptionSid,
    recordingSid: p.RecordingSid,
    status: p.TranscriptionStatus,
    text: p.TranscriptionText,
  };
};

/** The audio of a recording: Twilio serves WAV at the bare URL and MP3 with the extension (smaller). */
export const recordingMediaUrl = (recordingUrl: string): string => `${recordingUrl.replace(/\.(mp3|wav)$/, '')}.mp3`;

const callbackQuerySchema = z.object({
  tenant: z.string().min(1).max(64),
  caller: z.string().min(1).max(64),
  called: z.string().min(1).max(64),
  category: z.string().max(64).default(''),
  language: z.string().max(20).default(''),
});

export interface VoicemailCallbackContext {
  readonly tenant: string;
  readonly caller: string;
  readonly called: string;
  readonly category: string;
  readonly language: string;
}

/** What our voicemail callback URLs name (we wrote them into the `<Record>`, Twilio signed them). */
export function parseVoicemailCallbackQuery(query: URLSearchParams): VoicemailCallbackContext {
  const input = Object.fromEntries(query);
  const q = parse(callbackQuerySchema, input, 'voicemail callback URL');
  return { ...q, ...callParties({ From: q.caller, To: q.called }) };
}
