import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum ReplyExceptionCode {
  /** The ticket came in through a channel that cannot carry an answer (e.g. the API). */
  NoReplyChannel = 'no_reply_channel',
  /** The customer has no address on the ticket's channel to send the answer to. */
  NoRecipient = 'no_recipient',
}

function kindOf(code: ReplyExceptionCode): ErrorKind {
  switch (code) {
    case ReplyExceptionCode.NoReplyChannel:
    case ReplyExceptionCode.NoRecipient:
      return 'unprocessable';
    default:
      return assertUnreachable(code, 'reply exception code');
  }
}

/** A reply that cannot be sent. A missing, invisible, archived or merged ticket is a TicketLifecycleException. */
export class ReplyException extends DomainException<ReplyExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
