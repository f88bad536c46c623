import type { CapacityStore } from '@switchboard/coordination';
import type { Database, OutboxRow } from '@switchboard/persistence';
import type { TicketReadRepository } from './ticket-read.repository';

/** What the ticket-changing routes need: the database, the read side, agent load, the outbox fast path. */
export interface TicketRoutesDeps {
  readonly db: Database;
  readonly tickets: TicketReadRepository;
  /** The agents' load counters routing reserves against; manual assign, transfer and resolve keep them true. */
  readonly capacity: CapacityStore;
  /** Hands a committed transaction's outbox rows to the fast path (the relay publishes them otherwise). */
  readonly onCommitted: (rows: readonly OutboxRow[]) => void;
}
