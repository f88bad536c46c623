/** Why a merge, split, link or unlink was refused. */
export enum TicketRelationExceptionCode {
  TicketNotFound = 'ticket_not_found',
  MergeIntoItself = 'merge_into_itself',
  TicketAlreadyMerged = 'ticket_already_merged',
  TicketArchived = 'ticket_archived',
  MessagesNotOnTicket = 'messages_not_on_ticket',
  SplitWouldEmptyTicket = 'split_would_empty_ticket',
  LinkToItself = 'link_to_itself',
  LinkCycle = 'link_cycle',
  LinkExists = 'link_exists',
  LinkNotFound = 'link_not_found',
}

export class TicketRelationException extends Error {
  constructor(
    readonly code: TicketRelationExceptionCode,
    message: string,
    /** Ids the refusal is about (for example the messages that are not on the ticket). */
    readonly ids: readonly string[] = [],
  ) {
    super(message);
    this.name = 'TicketRelationException';
  }
}
