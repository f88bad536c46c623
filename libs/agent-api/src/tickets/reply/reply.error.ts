import { HttpError } from '@switchboard/http';

export enum ReplyErrorCode {
  /** The ticket came in through a channel that cannot carry an answer (e.g. the API). */
  NoReplyChannel = 'no_reply_channel',
  /** The customer has no address on the ticket's channel to send the answer to. */
  NoRecipient = 'no_recipient',
  TicketNotFound = 'ticket_not_found',
}

export class ReplyError extends Error {
  constructor(
    readonly code: ReplyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReplyError';
  }
}

export function replyHttpError(error: ReplyError): HttpError {
  switch (error.code) {
    case ReplyErrorCode.NoReplyChannel:
    case ReplyErrorCode.NoRecipient:
      return new HttpError(422, error.code, error.message);
    case ReplyErrorCode.TicketNotFound:
      return new HttpError(404, error.code, error.message);
  }
}
