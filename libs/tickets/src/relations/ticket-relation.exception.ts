import { DomainException, assertUnreachable, type ErrorKind, type FieldProblem } from '@switchboard/errors';

/** Why a merge, split, link or unlink was refused. */
export enum TicketRelationExceptionCode {
  TicketNotFound = 'ticket_not_found',
  MergeIntoItself = 'merge_into_itself',
  TicketAlreadyMerged = 'ticket_already_merged',
  TicketArchived = 'ticket_archived',
  /** Messages named for a split that are not on the ticket: answers like any other validation failure. */
  MessagesNotOnTicket = 'validation_failed',
  SplitWouldEmptyTicket = 'split_would_empty_ticket',
  LinkToItself = 'link_to_itself',
  LinkCycle = 'link_cycle',
  LinkExists = 'link_exists',
  LinkNotFound = 'link_not_found',
}

function kindOf(code: TicketRelationExceptionCode): ErrorKind {
  switch (code) {
    case TicketRelationExceptionCode.TicketNotFound:
    case TicketRelationExceptionCode.LinkNotFound:
      return 'not_found';
    case TicketRelationExceptionCode.MessagesNotOnTicket:
      return 'invalid';
    case TicketRelationExceptionCode.MergeIntoItself:
    case TicketRelationExceptionCode.TicketAlreadyMerged:
    case TicketRelationExceptionCode.TicketArchived:
    case TicketRelationExceptionCode.SplitWouldEmptyTicket:
    case TicketRelationExceptionCode.LinkToItself:
    case TicketRelationExceptionCode.LinkCycle:
    case TicketRelationExceptionCode.LinkExists:
      return 'conflict';
    default:
      return assertUnreachable(code, 'ticket relation exception code');
  }
}

function fieldsOf(code: TicketRelationExceptionCode, ids: readonly string[]): FieldProblem[] | undefined {
  if (code !== TicketRelationExceptionCode.MessagesNotOnTicket) return undefined;
  return ids.map((id) => ({
    field: 'messageIds',
    reason: 'not_on_ticket',
    message: `Message ${id} is not on this ticket.`,
  }));
}

/** A refused merge, split, link, unlink or watcher change. */
export class TicketRelationException extends DomainException<TicketRelationExceptionCode> {
  constructor(
    code: TicketRelationExceptionCode,
    message: string,
    /** Ids the refusal is about (for example the messages that are not on the ticket). */
    readonly ids: readonly string[] = [],
  ) {
    super(code, message, fieldsOf(code, ids));
  }

  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
