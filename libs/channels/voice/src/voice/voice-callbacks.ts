import type { InboundMessage } from '@switchboard/contracts';
import { VoiceChannelException } from '../voice-channel.exception';
import type { TwilioMediaFetcher } from '../media/twilio-media-fetcher';
import type { SkippedMedia, StoredMedia } from '../sms/stored-media';
import type { CallState } from './call-state.store';
import {
  recordingMediaUrl,
  type CallStatusUpdate,
  type RecordingStatusUpdate,
  type TranscriptionResult,
  type VoicemailCallbackContext,
} from './call-webhooks';
import { missedByCallStatus, missedByRecording } from './missed-call';
import {
  missedCallToInboundMessage,
  transcriptToInboundMessage,
  voicemailToInboundMessage,
  type VoiceInboundContext,
} from './to-voice-inbound';

/** Our id and clock for the message a callback produces. */
export interface Stamp {
  readonly messageId: string;
  readonly receivedAt: Date;
}

const contextOf = (callSid: string, q: VoicemailCallbackContext, stamp: Stamp): VoiceInboundContext => ({
  ...stamp,
  tenant: q.tenant,
  callSid,
  caller: q.caller,
  called: q.called,
  category: q.category || undefined,
  language: q.language || undefined,
});

async function fetchRecording(
  fetcher: TwilioMediaFetcher,
  url: string,
): Promise<{ stored: StoredMedia[]; skipped: SkippedMedia[] }> {
  try {
    return { stored: [await fetcher.fetchInto(recordingMediaUrl(url), 'voicemail', 'audio/mpeg')], skipped: [] };
  } catch (error) {
    // Too large or refused: the voicemail still becomes a ticket, naming why the audio is missing.
    // Unavailable is thrown on: the callback answers 5xx and Twilio retries it.
    if (error instanceof VoiceChannelException && error.kind !== 'unavailable') {
      return { stored: [], skipped: [{ name: 'voicemail', reason: `${error.code}: ${error.message}` }] };
    }
    throw error;
  }
}

/**
 * A recording status callback: `completed` is a voicemail with its audio (fetched into the blob
 * store); `absent` or `failed` leaves a missed call; `in-progress` produces nothing yet.
 */
export async function messageOfRecording(
  update: RecordingStatusUpdate,
  q: VoicemailCallbackContext,
  fetcher: TwilioMediaFetcher,
  stamp: Stamp,
): Promise<InboundMessage | null> {
  const ctx = contextOf(update.callSid, q, stamp);
  const missed = missedByRecording(update.status);
  if (missed) return missedCallToInboundMessage(missed, ctx);
  if (update.status !== 'completed' || !update.recordingSid || !update.recordingUrl) return null;
  const audio = await fetchRecording(fetcher, update.recordingUrl);
  return voicemailToInboundMessage(
    { recordingSid: update.recordingSid, durationSeconds: update.durationSeconds },
    audio.stored,
    audio.skipped,
    ctx,
  );
}

/** A transcription callback: the transcript (or the note that there is none) for the voicemail's ticket. */
export function messageOfTranscription(
  result: TranscriptionResult,
  q: VoicemailCallbackContext,
  stamp: Stamp,
): InboundMessage {
  return transcriptToInboundMessage(result, contextOf(result.callSid, q, stamp));
}

/** A call status callback: a missed call when the call ended before the voicemail was offered. */
export function messageOfCallStatus(
  update: CallStatusUpdate,
  tenant: string,
  state: CallState | undefined,
  stamp: Stamp,
): InboundMessage | null {
  const missed = missedByCallStatus(update.status, state);
  if (!missed) return null;
  return missedCallToInboundMessage(missed, {
    ...stamp,
    tenant,
    callSid: update.callSid,
    caller: update.caller,
    called: update.called,
    category: state?.category,
  });
}
