import type { CallState } from './call-state.store';
import type { CallStatus, RecordingStatus } from './call-webhooks';

export type MissedCallReason =
  'no_answer' | 'busy' | 'canceled' | 'failed' | 'hung_up_before_voicemail' | 'silent_voicemail' | 'recording_failed';

/**
 * Whether a call status callback ends a call that left nothing: a call that was never answered
 * (no-answer, busy, canceled, failed), or one the caller hung up before the voicemail was offered.
 * When `<Record>` was answered, the recording callback decides instead (see `missedByRecording`), so
 * a voicemail whose callback arrives after the call's `completed` is not also a missed call.
 */
export function missedByCallStatus(status: CallStatus, state: CallState | undefined): MissedCallReason | undefined {
  switch (status) {
    case 'no-answer':
      return 'no_answer';
    case 'busy':
      return 'busy';
    case 'canceled':
      return 'canceled';
    case 'failed':
      return 'failed';
    case 'completed':
      return state?.voicemailOffered ? undefined : 'hung_up_before_voicemail';
    case 'queued':
    case 'ringing':
    case 'in-progress':
      return undefined;
    default: {
      const unmapped: never = status;
      throw new Error(`unmapped call status ${String(unmapped)}`);
    }
  }
}

/**
 * `absent` means `<Record>` captured no audio (the caller hung up at the beep, or stayed silent);
 * `failed` that Twilio lost it. Either way the caller is owed a call back.
 */
export function missedByRecording(status: RecordingStatus): MissedCallReason | undefined {
  if (status === 'absent') return 'silent_voicemail';
  return status === 'failed' ? 'recording_failed' : undefined;
}
