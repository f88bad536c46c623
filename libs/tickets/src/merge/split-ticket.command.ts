/** Move `messageIds` of `ticketId` into a new ticket; the ticket is already known to be visible to the agent. */
export interface SplitTicketCommand {
  readonly tenantId: string;
  readonly agentId: string;
  readonly ticketId: string;
  readonly messageIds: readonly string[];
  /** The new ticket's subject; the original's when absent. */
  readonly subject?: string;
}

export interface SplitTicketResult {
  readonly ticketId: string;
  readonly newTicketId: string;
  readonly newTicketNumber: string;
  readonly movedMessageIds: readonly string[];
}
