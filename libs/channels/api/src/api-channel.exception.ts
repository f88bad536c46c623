import { assertUnreachable, DomainException, type ErrorKind } from '@switchboard/errors';

export enum ApiChannelExceptionCode {
  NotFound = 'api_channel_not_found',
  NameTaken = 'api_channel_name_taken',
  DeliveryNotFound = 'api_delivery_not_found',
  /** An answer URL that is not absolute http(s), carries credentials, or names a non-public address. */
  OutboundUrlNotAllowed = 'api_channel_url_not_allowed',
}

function kindOf(code: ApiChannelExceptionCode): ErrorKind {
  switch (code) {
    case ApiChannelExceptionCode.NotFound:
    case ApiChannelExceptionCode.DeliveryNotFound:
      return 'not_found';
    case ApiChannelExceptionCode.NameTaken:
      return 'conflict';
    case ApiChannelExceptionCode.OutboundUrlNotAllowed:
      return 'invalid';
    default:
      return assertUnreachable(code, 'API channel exception code');
  }
}

export class ApiChannelException extends DomainException<ApiChannelExceptionCode> {
  readonly kind: ErrorKind;

  constructor(code: ApiChannelExceptionCode, message: string) {
    super(code, message);
    this.kind = kindOf(code);
  }
}
