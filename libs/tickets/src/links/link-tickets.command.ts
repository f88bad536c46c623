import type { ManualLinkKind } from './link-kinds';

/** "`ticketId` is `kind` of `otherTicketId`"; both tickets are already known to be visible to the agent. */
export interface LinkTicketsCommand {
  readonly tenantId: string;
  readonly agentId: string;
  readonly ticketId: string;
  readonly otherTicketId: string;
  readonly kind: ManualLinkKind;
}
