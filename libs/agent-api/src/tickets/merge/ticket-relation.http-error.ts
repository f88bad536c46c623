import { HttpError } from '@switchboard/http';
import { TicketRelationExceptionCode, type TicketRelationException } from '@switchboard/tickets';

function answerOf(code: TicketRelationExceptionCode): { status: number; code: string } {
  switch (code) {
    case TicketRelationExceptionCode.TicketNotFound:
    case TicketRelationExceptionCode.LinkNotFound:
      return { status: 404, code };
    case TicketRelationExceptionCode.MessagesNotOnTicket:
      return { status: 400, code: 'validation_failed' };
    case TicketRelationExceptionCode.MergeIntoItself:
    case TicketRelationExceptionCode.TicketAlreadyMerged:
    case TicketRelationExceptionCode.TicketArchived:
    case TicketRelationExceptionCode.SplitWouldEmptyTicket:
    case TicketRelationExceptionCode.LinkToItself:
    case TicketRelationExceptionCode.LinkCycle:
    case TicketRelationExceptionCode.LinkExists:
      return { status: 409, code };
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped ticket relation exception code: ${String(unmapped)}`);
    }
  }
}

/** The one place merge, split, link and watcher refusals become HTTP answers. */
export function ticketRelationHttpError(exception: TicketRelationException): HttpError {
  const answer = answerOf(exception.code);
  const fields =
    exception.code === TicketRelationExceptionCode.MessagesNotOnTicket
      ? exception.ids.map((id) => ({
          field: 'messageIds',
          reason: 'not_on_ticket',
          message: `Message ${id} is not on this ticket.`,
        }))
      : undefined;
  return new HttpError(answer.status, answer.code, exception.message, fields);
}
