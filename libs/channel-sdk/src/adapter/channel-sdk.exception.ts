import { assertUnreachable, DomainException, type ErrorKind, type FieldProblem } from '@switchboard/errors';

export enum ChannelSdkExceptionCode {
  SignatureInvalid = 'channel_signature_invalid',
  SignatureStale = 'channel_signature_stale',
  UnknownChannel = 'channel_unknown',
  MalformedBody = 'channel_malformed_body',
  Unavailable = 'channel_unavailable',
}

function kindOf(code: ChannelSdkExceptionCode): ErrorKind {
  switch (code) {
    case ChannelSdkExceptionCode.SignatureInvalid:
    case ChannelSdkExceptionCode.SignatureStale:
      return 'unauthenticated';
    case ChannelSdkExceptionCode.UnknownChannel:
      return 'not_found';
    case ChannelSdkExceptionCode.MalformedBody:
      return 'invalid';
    case ChannelSdkExceptionCode.Unavailable:
      return 'unavailable';
    default:
      return assertUnreachable(code, 'channel SDK exception code');
  }
}

/** What an adapter or the SDK's webhook refuses a request with; the shared HTTP filter maps the kind. */
export class ChannelSdkException extends DomainException<ChannelSdkExceptionCode> {
  readonly kind: ErrorKind;

  constructor(code: ChannelSdkExceptionCode, message: string, fields?: readonly FieldProblem[]) {
    super(code, message, fields);
    this.kind = kindOf(code);
  }
}

/** A refusal by the provider that no retry changes (a 4xx, an unknown recipient): dead-lettered at once. */
export class PermanentDeliveryError extends Error {
  /** `providerMessageId`: the id the message had at the provider, if any (an email's Message-ID), for the FAILED report. */
  constructor(
    message: string,
    readonly providerMessageId = '',
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * The provider failed this attempt (unreachable, busy, a "try later" answer): retried with backoff and
 * dead-lettered after the last attempt. Never taken for an outage of our own side, whatever errno its
 * message names (an SMTP server's ECONNREFUSED is the provider's, not our database's).
 */
export class ProviderDeliveryError extends Error {
  constructor(
    message: string,
    readonly providerMessageId = '',
  ) {
    super(message);
    this.name = 'ProviderDeliveryError';
  }
}

/** The provider's id of a message whose delivery failed, when the adapter's error carries one. */
export const providerMessageIdOf = (error: Error): string =>
  error instanceof PermanentDeliveryError || error instanceof ProviderDeliveryError ? error.providerMessageId : '';
