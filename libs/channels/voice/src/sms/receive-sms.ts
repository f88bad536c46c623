import twilio from 'twilio';
import type { InboundMessage } from '@switchboard/contracts';
import { fetchMessageMedia } from '../media/fetch-message-media';
import type { TwilioMediaFetcher } from '../media/twilio-media-fetcher';
import type { KeywordSet } from '../opt-out/opt-out-keywords';
import type { OptOutStore } from '../opt-out/opt-out.store';
import type { InboundSms } from './inbound-sms';
import { classifySmsIntent } from './sms-intent';
import { smsToInboundMessage } from './to-inbound-sms';

export interface ReceiveSmsContext {
  readonly tenant: string;
  readonly messageId: string;
  readonly receivedAt: Date;
  readonly language?: string | undefined;
  readonly helpText: string;
  readonly keywords?: KeywordSet;
  /** Whether self-service has an open satisfaction prompt for this number. */
  readonly csatPending: boolean;
}

export interface ReceiveSmsDeps {
  readonly optOuts: OptOutStore;
  readonly media: TwilioMediaFetcher;
}

/**
 * What became of an inbound text. Only `message` is published as an InboundMessage; keywords are
 * handled here and create no ticket; status queries and ratings go to self-service.
 */
export type ReceivedSms =
  | { readonly kind: 'opted_out' | 'opted_in' }
  | { readonly kind: 'help'; readonly replyTwiml: string }
  | { readonly kind: 'status_query'; readonly ticketNumber: string }
  | { readonly kind: 'csat_rating'; readonly rating: number }
  | { readonly kind: 'message'; readonly message: InboundMessage };

/** The TwiML answer to the webhook: a reply text, or nothing (Twilio answers STOP/START itself). */
export function smsReplyTwiml(text?: string): string {
  const response = new twilio.twiml.MessagingResponse();
  if (text) response.message(text);
  return response.toString();
}

export async function receiveSms(sms: InboundSms, ctx: ReceiveSmsContext, deps: ReceiveSmsDeps): Promise<ReceivedSms> {
  const intent = classifySmsIntent(sms.body, {
    keywords: ctx.keywords,
    optOutType: sms.optOutType,
    csatPending: ctx.csatPending,
  });
  switch (intent.kind) {
    case 'opt_out':
      await deps.optOuts.record({
        tenant: ctx.tenant,
        phone: sms.from,
        source: 'keyword',
        detail: sms.body.trim().slice(0, 40),
        at: ctx.receivedAt,
      });
      return { kind: 'opted_out' };
    case 'opt_in':
      await deps.optOuts.lift(ctx.tenant, sms.from);
      return { kind: 'opted_in' };
    case 'help':
      return { kind: 'help', replyTwiml: smsReplyTwiml(ctx.helpText) };
    case 'status_query':
      return { kind: 'status_query', ticketNumber: intent.ticketNumber };
    case 'csat_rating':
      return { kind: 'csat_rating', rating: intent.rating };
    case 'message': {
      const { stored, skipped } = await fetchMessageMedia(deps.media, sms.media);
      return { kind: 'message', message: smsToInboundMessage(sms, stored, skipped, ctx) };
    }
    default: {
      const unmapped: never = intent;
      throw new Error(`unmapped SMS intent ${JSON.stringify(unmapped)}`);
    }
  }
}
