import twilio from 'twilio';
import { VoiceChannelException, VoiceChannelExceptionCode } from '../voice-channel.exception';
import type { OptOutStore } from '../opt-out/opt-out.store';
import { undeliverableTo, type Undeliverable } from '../opt-out/undeliverable';
import { WebhookPaths, callbackUrl } from '../webhook-paths';
import { RebasedRequestClient } from './rebased-request-client';
import { countSmsSegments } from './sms-segments';
import { TwilioErrorCodes } from './twilio-errors';

export interface SmsSenderOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** https://api.twilio.com in production; the fake Twilio API's URL in tests. */
  readonly apiBaseUrl: string;
  /** Our public base: the status callback URL is built on it. */
  readonly publicBaseUrl: string;
  readonly timeoutMs?: number;
}

/** One reply to send: the OutboundMessage fields the SMS channel needs. */
export interface OutboundSms {
  readonly messageId: string;
  readonly tenant: string;
  readonly ticketId: string;
  /** The customer's number, E.164. */
  readonly to: string;
  /** Our number or short code; or a Messaging Service that picks the sender. */
  readonly from: { readonly number: string } | { readonly messagingServiceSid: string };
  readonly body: string;
}

export type SendSmsOutcome =
  | {
      readonly kind: 'sent';
      readonly providerMessageId: string;
      readonly providerStatus: string;
      readonly segments: number;
    }
  | ({ readonly kind: 'undeliverable' } & Undeliverable);

interface RestError {
  readonly status?: number;
  readonly code?: number;
  readonly message?: string;
}

function restErrorOf(error: unknown): RestError {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const field = (name: string): unknown => Reflect.get(error, name);
  const status = field('status');
  const code = field('code');
  const message = field('message');
  return {
    status: typeof status === 'number' ? status : undefined,
    code: typeof code === 'number' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

/**
 * Sends SMS through the twilio SDK with a status callback that names our message, tenant and ticket
 * (Twilio signs that URL, so the callback needs no lookup to find its reply). Never sends to an
 * opted-out number; a 21610 from Twilio records the opt-out it reveals.
 */
export class SmsSender {
  private readonly client: twilio.Twilio;

  constructor(
    private readonly options: SmsSenderOptions,
    private readonly optOuts: OptOutStore,
  ) {
    const httpClient = new RebasedRequestClient(options.apiBaseUrl, options.timeoutMs ?? 15_000);
    this.client = twilio(options.accountSid, options.authToken, { httpClient });
  }

  async send(sms: OutboundSms): Promise<SendSmsOutcome> {
    const blocked = await undeliverableTo(this.optOuts, sms.tenant, sms.to);
    if (blocked) return { kind: 'undeliverable', ...blocked };
    const statusCallback = callbackUrl(this.options.publicBaseUrl, WebhookPaths.smsStatus, {
      tenant: sms.tenant,
      message: sms.messageId,
      ticket: sms.ticketId,
    });
    const sender =
      'number' in sms.from ? { from: sms.from.number } : { messagingServiceSid: sms.from.messagingServiceSid };
    try {
      const message = await this.client.messages.create({ to: sms.to, body: sms.body, statusCallback, ...sender });
      return {
        kind: 'sent',
        providerMessageId: message.sid,
        providerStatus: message.status,
        segments: Number(message.numSegments) || countSmsSegments(sms.body).segments,
      };
    } catch (error) {
      return this.failed(sms, restErrorOf(error));
    }
  }

  private async failed(sms: OutboundSms, error: RestError): Promise<SendSmsOutcome> {
    const what = `Twilio refused the message${error.code ? ` (error ${error.code})` : ''}: ${error.message ?? 'no message'}`;
    if (error.code === TwilioErrorCodes.unsubscribedRecipient) {
      const optOut = {
        tenant: sms.tenant,
        phone: sms.to,
        source: 'provider',
        detail: String(error.code),
        at: new Date(),
      } as const;
      await this.optOuts.record(optOut);
      const blocked = await undeliverableTo(this.optOuts, sms.tenant, sms.to);
      if (blocked) return { kind: 'undeliverable', ...blocked };
    }
    if (error.status === undefined || error.status === 429 || error.status >= 500) {
      throw new VoiceChannelException(VoiceChannelExceptionCode.ProviderUnavailable, what, undefined, error.code);
    }
    throw new VoiceChannelException(VoiceChannelExceptionCode.SendRejected, what, undefined, error.code);
  }
}
