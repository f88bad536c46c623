import { holdsCapacity, type TicketStatus } from './ticket-transitions';

export interface LoadHolderState {
  readonly status: TicketStatus;
  readonly assigneeId: string | null;
}

export interface CapacityEffects {
  readonly release: string | null;
  readonly reserve: string | null;
}

function loadHolder(state: LoadHolderState): string | null {
  return state.assigneeId !== null && holdsCapacity(state.status) ? state.assigneeId : null;
}

/**
 * Which agent's load counter a change gives back and which it takes: the agent carrying the ticket's
 * load before and after (assigned and not resolved/closed), when they differ. One rule covers assign,
 * transfer, resolve, close and reopen alike.
 */
export function capacityEffectsOf(before: LoadHolderState, after: LoadHolderState): CapacityEffects {
  const was = loadHolder(before);
  const is = loadHolder(after);
  if (was === is) return { release: null, reserve: null };
  return { release: was, reserve: is };
}
