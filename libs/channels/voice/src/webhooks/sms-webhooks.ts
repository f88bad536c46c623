import type { InboundSink } from '@switchboard/channel-sdk';
import type { DeliveryReport, InboundMessage } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import type { VoiceChannelConfig } from '../config/voice-channel.config';
import type { TwilioMediaFetcher } from '../media/twilio-media-fetcher';
import { keywordSetOf } from '../opt-out/opt-out-keywords';
import type { OptOutStore } from '../opt-out/opt-out.store';
import { parseSmsStatusCallback } from '../outbound/sms-status-callback';
import { parseInboundSms } from '../sms/inbound-sms';
import { receiveSms, smsReplyTwiml } from '../sms/receive-sms';
import { smsToInboundMessage } from '../sms/to-inbound-sms';
import { replyLanguageOf, ticketStatusText, unknownTicketText } from '../sms/self-service-wording';
import type { SmsStatusLedger } from '../store/sms-status-ledger';
import type { TicketStatusLookup } from '../voice/answer-call';
import type { TwilioHttpRequest, TwilioWebhookVerifier } from './twilio-webhook-verifier';

export interface SmsWebhooksDeps {
  readonly config: VoiceChannelConfig;
  readonly verifier: TwilioWebhookVerifier;
  readonly ingress: InboundSink;
  readonly optOuts: OptOutStore;
  readonly media: TwilioMediaFetcher;
  readonly ledger: SmsStatusLedger;
  readonly statuses: TicketStatusLookup;
  readonly publishReports: (reports: readonly DeliveryReport[]) => Promise<void>;
}

/** What an inbound SMS produced: the messages to publish and the TwiML answer. */
export interface SmsOutcome {
  readonly messages: readonly InboundMessage[];
  readonly twiml: string;
}

/**
 * The SMS webhooks: an inbound text (ticket message, or an opt-out keyword that creates none) and the
 * status callback of one of our replies. Verified first; the TwiML answer only after the broker took
 * the message, so a Twilio retry of an unanswered webhook is deduped on its MessageSid.
 */
export class SmsWebhooks {
  constructor(private readonly deps: SmsWebhooksDeps) {}

  /** Verifies and classifies, without publishing (the adapter's normalize and the route share it). */
  async classify(request: TwilioHttpRequest): Promise<SmsOutcome> {
    const { config, verifier } = this.deps;
    const { params, receivedAt } = verifier.verify(request);
    const number = verifier.numberOf(params['To']);
    const sms = parseInboundSms(params, config.accountSid);
    const ctx = {
      tenant: number.tenant,
      messageId: newId(),
      receivedAt,
      language: number.language,
      helpText: number.helpText,
      keywords: keywordSetOf(number.keywords),
      // No satisfaction prompt is tracked by SMS yet: a lone digit is an ordinary message.
      csatPending: false,
    };
    const received = await receiveSms(sms, ctx, { optOuts: this.deps.optOuts, media: this.deps.media });
    switch (received.kind) {
      case 'message':
        return { messages: [received.message], twiml: smsReplyTwiml() };
      case 'help':
        return { messages: [], twiml: received.replyTwiml };
      case 'opted_out':
      case 'opted_in':
        return { messages: [], twiml: smsReplyTwiml() };
      case 'status_query': {
        const lookup = this.deps.statuses;
        // Without self-service (the distributed channel) the text goes to the ticket it quotes: nothing is lost.
        if (!lookup.ticketOf) return { messages: [smsToInboundMessage(sms, [], [], ctx)], twiml: smsReplyTwiml() };
        const ticket = await lookup.ticketOf(number.tenant, sms.from, received.ticketNumber).then(
          (found) => ({ found }),
          () => undefined,
        );
        // Self-service could not answer (the agent API is unreachable): the text goes to the ticket instead.
        if (!ticket) return { messages: [smsToInboundMessage(sms, [], [], ctx)], twiml: smsReplyTwiml() };
        const language = replyLanguageOf(number.language);
        const text = ticket.found
          ? ticketStatusText(ticket.found, language)
          : unknownTicketText(received.ticketNumber, language);
        return { messages: [], twiml: smsReplyTwiml(text) };
      }
      case 'csat_rating':
        // No satisfaction prompt is tracked by SMS yet (csatPending is false): unreachable today.
        return { messages: [smsToInboundMessage(sms, [], [], ctx)], twiml: smsReplyTwiml() };
      default: {
        const unmapped: never = received;
        throw new Error(`unmapped SMS outcome ${JSON.stringify(unmapped)}`);
      }
    }
  }

  async inbound(request: TwilioHttpRequest): Promise<string> {
    const outcome = await this.classify(request);
    if (outcome.messages.length > 0) await this.deps.ingress.accept(outcome.messages);
    return outcome.twiml;
  }

  /** A reply's status: a DeliveryReport when it moves the message on; 21610 records the opt-out. */
  async status(request: TwilioHttpRequest): Promise<number> {
    const { params, query, receivedAt } = this.deps.verifier.verify(request);
    const update = parseSmsStatusCallback(params, query, receivedAt);
    const to = params['To'];
    if (update.revealsOptOut && to) {
      await this.deps.optOuts.record({
        tenant: update.tenant,
        phone: to,
        source: 'provider',
        detail: '21610',
        at: receivedAt,
      });
    }
    const report = update.report;
    if (!report) return 0;
    if (!(await this.deps.ledger.advance(update.tenant, report.messageId, update.rank, update.status))) return 0;
    await this.deps.publishReports([report]);
    return 1;
  }
}
