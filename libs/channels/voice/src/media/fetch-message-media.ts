import type { InboundMedia } from '../sms/inbound-sms';
import type { SkippedMedia, StoredMedia } from '../sms/stored-media';
import { VoiceChannelException } from '../voice-channel.exception';
import type { TwilioMediaFetcher } from './twilio-media-fetcher';

export interface FetchedMedia {
  readonly stored: StoredMedia[];
  readonly skipped: SkippedMedia[];
}

/**
 * Every media item of a message, each on its own: one that is too large, of a refused type or gone
 * is named on the message with its reason, and the text still becomes a ticket. Transient failures
 * are tried `attempts` times (Twilio does not redeliver a messaging webhook that was answered).
 */
export async function fetchMessageMedia(
  fetcher: TwilioMediaFetcher,
  media: readonly InboundMedia[],
  attempts = 3,
): Promise<FetchedMedia> {
  const stored: StoredMedia[] = [];
  const skipped: SkippedMedia[] = [];
  for (const item of media) {
    const stem = `media-${item.index}`;
    for (let attempt = 1; ; attempt += 1) {
      try {
        stored.push(await fetcher.fetchInto(item.url, stem, item.contentType));
        break;
      } catch (error) {
        if (!(error instanceof VoiceChannelException)) throw error;
        if (error.kind === 'unavailable' && attempt < attempts) continue;
        skipped.push({ name: stem, reason: `${error.code}: ${error.message}` });
        break;
      }
    }
  }
  return { stored, skipped };
}
