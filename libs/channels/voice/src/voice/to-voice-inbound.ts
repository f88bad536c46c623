import { Channel, InboundMessageSchema, create, timestampFromDate, type InboundMessage } from '@switchboard/contracts';
import { attachmentsOf, skippedMetadataOf, type SkippedMedia, type StoredMedia } from '../sms/stored-media';
import type { MissedCallReason } from './missed-call';

/** What every voice message knows: whose call, to which of our numbers, and what the menu chose. */
export interface VoiceInboundContext {
  readonly messageId: string;
  readonly tenant: string;
  readonly callSid: string;
  readonly caller: string;
  readonly called: string;
  readonly category?: string | undefined;
  readonly language?: string | undefined;
  readonly receivedAt: Date;
}

/** One conversation per number pair, as for SMS: a second call threads onto the open voice ticket. */
export const voiceConversationKey = (caller: string, called: string): string => `voice:${caller}:${called}`;

function base(ctx: VoiceInboundContext, channelMessageId: string, subject: string, body: string) {
  return {
    messageId: ctx.messageId,
    tenant: ctx.tenant,
    channel: Channel.VOICE,
    channelMessageId,
    conversationKey: voiceConversationKey(ctx.caller, ctx.called),
    // The caller's number on a signed webhook: verified as far as caller id is (the carrier's word).
    customer: { phone: ctx.caller, verified: ['phone'] },
    subject,
    bodyText: body,
    hints: { category: ctx.category ?? '', language: ctx.language ?? '' },
    receivedAt: timestampFromDate(ctx.receivedAt),
  };
}

const callMetadata = (ctx: VoiceInboundContext): Record<string, string> => ({
  twilio_call_sid: ctx.callSid,
  twilio_to: ctx.called,
});

/** A voicemail with its recording. Deduped on RecordingSid (Twilio retries the callback). */
export function voicemailToInboundMessage(
  recording: { readonly recordingSid: string; readonly durationSeconds?: number | undefined },
  audio: readonly StoredMedia[],
  skipped: readonly SkippedMedia[],
  ctx: VoiceInboundContext,
): InboundMessage {
  const seconds = recording.durationSeconds ?? 0;
  const body = `Voicemail (${seconds} s) from ${ctx.caller}.${audio.length === 0 ? ' The recording could not be stored.' : ''}`;
  return create(InboundMessageSchema, {
    ...base(ctx, recording.recordingSid, `Voicemail from ${ctx.caller}`, body),
    attachments: attachmentsOf(audio),
    metadata: {
      ...callMetadata(ctx),
      twilio_recording_sid: recording.recordingSid,
      recording_duration_seconds: String(seconds),
      ...skippedMetadataOf(skipped),
    },
  });
}

/** The transcript of a voicemail, appended to the voicemail's ticket. Deduped on TranscriptionSid. */
export function transcriptToInboundMessage(
  transcription: {
    readonly transcriptionSid: string;
    readonly recordingSid: string;
    readonly status: 'completed' | 'failed';
    readonly text: string;
  },
  ctx: VoiceInboundContext,
): InboundMessage {
  const text = transcription.text.trim();
  const body =
    transcription.status === 'completed' && text
      ? text
      : 'The voicemail could not be transcribed; listen to the recording.';
  return create(InboundMessageSchema, {
    ...base(ctx, transcription.transcriptionSid, `Voicemail transcript from ${ctx.caller}`, body),
    metadata: {
      ...callMetadata(ctx),
      twilio_recording_sid: transcription.recordingSid,
      twilio_transcription_sid: transcription.transcriptionSid,
      transcription_status: transcription.status,
    },
  });
}

const REASON_TEXT: Readonly<Record<MissedCallReason, string>> = {
  no_answer: 'the call was not answered',
  busy: 'the line was busy',
  canceled: 'the caller hung up while the call was ringing',
  failed: 'the call failed',
  hung_up_before_voicemail: 'the caller hung up before leaving a voicemail',
  silent_voicemail: 'the caller left no message at the beep',
  recording_failed: 'the voicemail recording failed',
};

/** "Missed call: call back" for a call that left nothing. One per call: deduped on `<CallSid>:missed`. */
export function missedCallToInboundMessage(reason: MissedCallReason, ctx: VoiceInboundContext): InboundMessage {
  return create(InboundMessageSchema, {
    ...base(
      ctx,
      `${ctx.callSid}:missed`,
      `Missed call: call back ${ctx.caller}`,
      `Missed call from ${ctx.caller} at ${ctx.receivedAt.toISOString()}: ${REASON_TEXT[reason]}. Please call back.`,
    ),
    metadata: { ...callMetadata(ctx), missed_call_reason: reason },
  });
}
