import { DomainException, assertUnreachable, type ErrorKind, type FieldProblem } from '@switchboard/errors';

export enum VoiceChannelExceptionCode {
  /** The X-Twilio-Signature is missing or does not match: 403, and nothing is stored. */
  InvalidSignature = 'invalid_signature',
  /** A signed webhook whose parameters fail validation (Twilio changed a field, or a test sent junk). */
  InvalidWebhook = 'invalid_webhook',
  InvalidPhoneNumber = 'invalid_phone_number',
  /** The webhook's `To` is not one of the configured numbers: no tenant owns it (404). */
  UnknownNumber = 'unknown_number',
  MediaTooLarge = 'media_too_large',
  MediaTypeNotAllowed = 'media_type_not_allowed',
  /** A media URL outside the configured Twilio API: the account's credentials are never sent there. */
  MediaOriginNotAllowed = 'media_origin_not_allowed',
  /** The media server answered an error or the connection failed: worth retrying. */
  MediaUnavailable = 'media_unavailable',
  /** The recipient texted STOP: nothing is sent, the reply is undeliverable with this reason. */
  RecipientOptedOut = 'recipient_opted_out',
  /** Twilio refused the message for good (invalid number, unsubscribed, no permission to the region). */
  SendRejected = 'send_rejected',
  /** Twilio answered 429/5xx or could not be reached: retried with backoff. */
  ProviderUnavailable = 'provider_unavailable',
}

function kindOf(code: VoiceChannelExceptionCode): ErrorKind {
  switch (code) {
    case VoiceChannelExceptionCode.InvalidSignature:
    case VoiceChannelExceptionCode.MediaOriginNotAllowed:
      return 'forbidden';
    case VoiceChannelExceptionCode.InvalidWebhook:
    case VoiceChannelExceptionCode.InvalidPhoneNumber:
      return 'invalid';
    case VoiceChannelExceptionCode.UnknownNumber:
      return 'not_found';
    case VoiceChannelExceptionCode.MediaTooLarge:
      return 'payload_too_large';
    case VoiceChannelExceptionCode.MediaTypeNotAllowed:
      return 'unsupported_media_type';
    case VoiceChannelExceptionCode.RecipientOptedOut:
    case VoiceChannelExceptionCode.SendRejected:
      return 'unprocessable';
    case VoiceChannelExceptionCode.MediaUnavailable:
    case VoiceChannelExceptionCode.ProviderUnavailable:
      return 'unavailable';
    default:
      return assertUnreachable(code, 'voice channel exception code');
  }
}

/** Failures of the SMS/voice channel; `kind` tells the HTTP filter the status and the consumer retry vs DLQ. */
export class VoiceChannelException extends DomainException<VoiceChannelExceptionCode> {
  constructor(
    code: VoiceChannelExceptionCode,
    message: string,
    fields?: readonly FieldProblem[],
    /** Twilio's numeric error code when the failure came from its API (21211, 21610, 30003...). */
    readonly providerCode?: number,
  ) {
    super(code, message, fields);
  }

  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
