import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum MailboxExceptionCode {
  MailboxNotFound = 'mailbox_not_found',
  MailboxExists = 'mailbox_exists',
}

function kindOf(code: MailboxExceptionCode): ErrorKind {
  switch (code) {
    case MailboxExceptionCode.MailboxNotFound:
      return 'not_found';
    case MailboxExceptionCode.MailboxExists:
      return 'conflict';
    default:
      return assertUnreachable(code, 'mailbox exception code');
  }
}

/** A refused mailbox-admin request. */
export class MailboxException extends DomainException<MailboxExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
