/** Merge `sourceId` into `survivorId`; both ids are already known to be visible to the agent. */
export interface MergeTicketsCommand {
  readonly tenantId: string;
  readonly agentId: string;
  readonly survivorId: string;
  readonly sourceId: string;
}

export interface MergeTicketsResult {
  readonly survivorId: string;
  readonly sourceId: string;
  readonly sourceNumber: string;
  readonly movedMessageIds: readonly string[];
  readonly movedWatcherAgentIds: readonly string[];
}
