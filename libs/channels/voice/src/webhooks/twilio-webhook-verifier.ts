import { numberSettingsOf, type VoiceChannelConfig, type VoiceNumberSettings } from '../config/voice-channel.config';
import { toSenderAddress } from '../phone/e164';
import { verifyTwilioRequest, type WebhookParams } from '../signature/twilio-signature';
import { VoiceChannelException, VoiceChannelExceptionCode } from '../voice-channel.exception';

/** One webhook request as the HTTP edge saw it: the path we were called at and the raw bytes. */
export interface TwilioHttpRequest {
  readonly pathAndQuery: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: string;
  /** Our clock. */
  readonly receivedAt: Date;
}

export interface VerifiedWebhook {
  /** The signed form parameters. */
  readonly params: WebhookParams;
  /** The signed query string (what we wrote into callback URLs). */
  readonly query: URLSearchParams;
  readonly receivedAt: Date;
}

/**
 * Every Twilio route's first step: the signature over the configured public URL (never the Host
 * header), before anything is parsed or stored. A forged request throws invalid_signature (403).
 */
export class TwilioWebhookVerifier {
  constructor(private readonly config: VoiceChannelConfig) {}

  verify(request: TwilioHttpRequest): VerifiedWebhook {
    const params = verifyTwilioRequest(
      {
        pathAndQuery: request.pathAndQuery,
        signature: request.headers['x-twilio-signature'],
        signatureSettings: request.headers['x-twilio-webhooks-signature-settings'],
        contentType: request.headers['content-type'],
        rawBody: request.rawBody,
      },
      this.config.publicBaseUrl,
      { authToken: this.config.authToken, sharedKeySecret: this.config.sharedKeySecret },
    );
    const query = new URL(request.pathAndQuery, 'http://twilio.invalid').searchParams;
    return { params, query, receivedAt: request.receivedAt };
  }

  /** The configured number a webhook's `To` names, which says the tenant; unknown → 404. */
  numberOf(to: string | undefined): VoiceNumberSettings {
    const address = to ? toSenderAddress(to) : undefined;
    const settings = address ? numberSettingsOf(this.config, address) : undefined;
    if (!settings)
      throw new VoiceChannelException(VoiceChannelExceptionCode.UnknownNumber, 'The called number is not configured.', [
        { field: 'To', reason: 'unknown_number', message: 'To is not one of the configured numbers.' },
      ]);
    return settings;
  }
}
