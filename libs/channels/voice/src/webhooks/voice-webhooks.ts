import twilio from 'twilio';
import type { InboundSink } from '@switchboard/channel-sdk';
import type { InboundMessage } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import type { VoiceNumberSettings } from '../config/voice-channel.config';
import type { TwilioMediaFetcher } from '../media/twilio-media-fetcher';
import { toE164 } from '../phone/e164';
import { answerIncomingCall, answerMenuChoice, type TicketStatusLookup } from '../voice/answer-call';
import type { CallStateStore } from '../voice/call-state.store';
import {
  parseCallStatus,
  parseGatherResult,
  parseIncomingCall,
  parseRecordingStatus,
  parseTranscription,
  parseVoicemailCallbackQuery,
} from '../voice/call-webhooks';
import { IVR_LANGUAGES, type IvrLanguage, type IvrSettings } from '../voice/ivr-menu';
import { messageOfCallStatus, messageOfRecording, messageOfTranscription } from '../voice/voice-callbacks';
import { voicemailDoneTwiml } from '../voice/voice-twiml';
import type { TwilioHttpRequest, TwilioWebhookVerifier } from './twilio-webhook-verifier';

export interface VoiceWebhooksDeps {
  readonly publicBaseUrl: string;
  readonly verifier: TwilioWebhookVerifier;
  readonly ingress: InboundSink;
  readonly calls: CallStateStore;
  readonly statuses: TicketStatusLookup;
  readonly recordings: TwilioMediaFetcher;
}

/** The answer to a callback Twilio only needs acknowledged. */
export const emptyVoiceTwiml = (): string => new twilio.twiml.VoiceResponse().toString();

/** A number without an IVR takes texts only: the call is rejected (busy), leaving nothing to answer. */
function rejectTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.reject({ reason: 'busy' });
  return response.toString();
}

const WITHHELD: Readonly<Record<IvrLanguage, string>> = {
  'en-US': 'We cannot take calls from a withheld number. Please call again with your number shown, or send us a text.',
  'zh-CN': '我们无法接听隐藏号码的来电。请显示您的号码后再拨打，或给我们发短信。',
};

/** A withheld caller id ("anonymous"): no ticket could answer them, so they are told why and the call ends. */
function withheldTwiml(ivr: IvrSettings): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const language of ivr.languages) response.say({ language }, WITHHELD[language]);
  response.hangup();
  return response.toString();
}

const languageOf = (value: string | null): IvrLanguage => IVR_LANGUAGES.find((l) => l === value) ?? IVR_LANGUAGES[0];

/**
 * The voice webhooks: the call (greeting and menu), the menu choice (voicemail with the chosen
 * category as the routing hint), and the callbacks that become ticket messages: the voicemail with its
 * recording, its transcript, and a missed call when the caller left nothing. Each verified first.
 */
export class VoiceWebhooks {
  constructor(private readonly deps: VoiceWebhooksDeps) {}

  private routeOf(number: VoiceNumberSettings): {
    ivr: IvrSettings | undefined;
    links: { publicBaseUrl: string; tenant: string };
  } {
    return { ivr: number.ivr, links: { publicBaseUrl: this.deps.publicBaseUrl, tenant: number.tenant } };
  }

  async incomingCall(request: TwilioHttpRequest): Promise<string> {
    const { params } = this.deps.verifier.verify(request);
    const { ivr, links } = this.routeOf(this.deps.verifier.numberOf(params['To']));
    if (!ivr) return rejectTwiml();
    if (!toE164(params['From'] ?? '')) return withheldTwiml(ivr);
    return answerIncomingCall(ivr, links, parseIncomingCall(params), this.deps);
  }

  async menuChoice(request: TwilioHttpRequest): Promise<string> {
    const { params, query } = this.deps.verifier.verify(request);
    const { ivr, links } = this.routeOf(this.deps.verifier.numberOf(params['To']));
    if (!ivr) return rejectTwiml();
    const attempt = Math.max(1, Number.parseInt(query.get('attempt') ?? '1', 10) || 1);
    return answerMenuChoice(ivr, links, parseGatherResult(params), attempt, this.deps);
  }

  voicemailDone(request: TwilioHttpRequest): string {
    const { query } = this.deps.verifier.verify(request);
    return voicemailDoneTwiml(languageOf(query.get('language')));
  }

  async recordingStatus(request: TwilioHttpRequest): Promise<string> {
    const { params, query, receivedAt } = this.deps.verifier.verify(request);
    const update = parseRecordingStatus(params);
    const callback = parseVoicemailCallbackQuery(query);
    const stamp = { messageId: newId(), receivedAt };
    await this.publish(await messageOfRecording(update, callback, this.deps.recordings, stamp));
    return emptyVoiceTwiml();
  }

  async transcription(request: TwilioHttpRequest): Promise<string> {
    const { params, query, receivedAt } = this.deps.verifier.verify(request);
    const result = parseTranscription(params);
    const callback = parseVoicemailCallbackQuery(query);
    await this.publish(messageOfTranscription(result, callback, { messageId: newId(), receivedAt }));
    return emptyVoiceTwiml();
  }

  /** The number's status callback: a call that ended before the voicemail was offered is a missed call. */
  async callStatus(request: TwilioHttpRequest): Promise<string> {
    const { params, receivedAt } = this.deps.verifier.verify(request);
    const number = this.deps.verifier.numberOf(params['To']);
    // A withheld caller was told so and cannot be called back: no missed-call ticket.
    if (!toE164(params['From'] ?? '')) return emptyVoiceTwiml();
    const update = parseCallStatus(params);
    const state = await this.deps.calls.find(update.callSid);
    await this.publish(messageOfCallStatus(update, number.tenant, state, { messageId: newId(), receivedAt }));
    return emptyVoiceTwiml();
  }

  private async publish(message: InboundMessage | null): Promise<void> {
    if (message) await this.deps.ingress.accept([message]);
  }
}
