import { HttpError } from '@switchboard/http';

export enum MailboxExceptionCode {
  MailboxNotFound = 'mailbox_not_found',
  MailboxExists = 'mailbox_exists',
}

export class MailboxException extends Error {
  constructor(
    readonly code: MailboxExceptionCode,
    message: string,
  ) {
    super(message);
    this.name = 'MailboxException';
  }
}

function httpStatusOf(code: MailboxExceptionCode): number {
  switch (code) {
    case MailboxExceptionCode.MailboxNotFound:
      return 404;
    case MailboxExceptionCode.MailboxExists:
      return 409;
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped mailbox exception code: ${String(unmapped)}`);
    }
  }
}

/** The one place mailbox-admin failures become HTTP answers. */
export function mailboxHttpError(exception: MailboxException): HttpError {
  return new HttpError(httpStatusOf(exception.code), exception.code, exception.message);
}
