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
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
