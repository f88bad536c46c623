import { HttpError } from '@switchboard/http';
import { TicketLifecycleException, TicketLifecycleExceptionCode } from '@switchboard/tickets';

function httpStatusOf(code: TicketLifecycleExceptionCode): number {
  switch (code) {
    case TicketLifecycleExceptionCode.TicketNotFound:
      return 404;
    case TicketLifecycleExceptionCode.Forbidden:
      return 403;
    case TicketLifecycleExceptionCode.InvalidTransition:
    case TicketLifecycleExceptionCode.TicketArchived:
    case TicketLifecycleExceptionCode.TicketMerged:
    case TicketLifecycleExceptionCode.TicketIncomplete:
      return 409;
    case TicketLifecycleExceptionCode.InvalidAssignee:
    case TicketLifecycleExceptionCode.InvalidTeam:
    case TicketLifecycleExceptionCode.ReasonRequired:
      return 422;
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped ticket lifecycle code: ${String(unmapped)}`);
    }
  }
}

/** Runs a lifecycle command and turns its refusals into the API's error answers. */
export async function answeringLifecycleErrors<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof TicketLifecycleException)) throw error;
    throw new HttpError(httpStatusOf(error.code), error.code, error.message, error.fields);
  }
}
