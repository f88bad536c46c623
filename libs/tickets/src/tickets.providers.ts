import type { Provider } from '@nestjs/common';
import { CAPACITY_STORE, type CapacityStore } from '@switchboard/coordination';
import { DATABASE, OutboxService, type Database } from '@switchboard/persistence';
import { ManageCustomersUseCase } from './customers/manage-customers.use-case';
import { MergeCustomersUseCase } from './customers/merge-customers.use-case';
import { ArchiveClosedTicketsUseCase } from './lifecycle/archive-closed-tickets/archive-closed-tickets.use-case';
import { AssignTicketUseCase } from './lifecycle/assign-ticket/assign-ticket.use-case';
import { ChangeStatusUseCase } from './lifecycle/change-status/change-status.use-case';
import { DecideReviewUseCase } from './lifecycle/decide-review/decide-review.use-case';
import { TicketChangeRunner } from './lifecycle/ticket-change.runner';
import { TransferTicketUseCase } from './lifecycle/transfer-ticket/transfer-ticket.use-case';
import { LinkTicketsUseCase } from './links/link-tickets.use-case';
import { TicketWatchersUseCase } from './links/ticket-watchers.use-case';
import { MergeTicketsUseCase } from './merge/merge-tickets.use-case';
import { SplitTicketUseCase } from './merge/split-ticket.use-case';
import { PostReplyUseCase } from './replies/post-reply.use-case';
import { TenantDirectory } from './shared/tenant-directory';
import { UpdateTicketFieldsUseCase } from './ticket-fields/update-ticket-fields.use-case';

/** Infrastructure every writing use-case needs: the database, the agents' load counters, the outbox. */
const WRITE_DEPS = [DATABASE, CAPACITY_STORE, OutboxService];
type WriteDeps = [db: Database, capacity: CapacityStore, outbox: OutboxService];

/** The lifecycle commands share one runner (transaction, audit, outbox, agent load). */
export const lifecycleProviders: Provider[] = [
  {
    provide: TicketChangeRunner,
    inject: WRITE_DEPS,
    useFactory: (...[db, capacity, outbox]: WriteDeps) =>
      new TicketChangeRunner({ db, capacity, onCommitted: outbox.onCommitted }),
  },
  {
    provide: ChangeStatusUseCase,
    inject: [TicketChangeRunner],
    useFactory: (r: TicketChangeRunner) => new ChangeStatusUseCase(r),
  },
  {
    provide: AssignTicketUseCase,
    inject: [TicketChangeRunner],
    useFactory: (r: TicketChangeRunner) => new AssignTicketUseCase(r),
  },
  {
    provide: TransferTicketUseCase,
    inject: [TicketChangeRunner],
    useFactory: (r: TicketChangeRunner) => new TransferTicketUseCase(r),
  },
  {
    provide: DecideReviewUseCase,
    inject: [TicketChangeRunner],
    useFactory: (r: TicketChangeRunner) => new DecideReviewUseCase(r),
  },
  {
    provide: ArchiveClosedTicketsUseCase,
    inject: [DATABASE, OutboxService],
    useFactory: (db: Database, outbox: OutboxService) =>
      new ArchiveClosedTicketsUseCase({ db, onCommitted: outbox.onCommitted }),
  },
];

/** Merge, split, links and watchers. */
export const relationProviders: Provider[] = [
  {
    provide: MergeTicketsUseCase,
    inject: WRITE_DEPS,
    useFactory: (...[db, capacity, outbox]: WriteDeps) => new MergeTicketsUseCase(db, capacity, outbox.onCommitted),
  },
  {
    provide: SplitTicketUseCase,
    inject: WRITE_DEPS,
    useFactory: (...[db, capacity, outbox]: WriteDeps) => new SplitTicketUseCase(db, capacity, outbox.onCommitted),
  },
  {
    provide: LinkTicketsUseCase,
    inject: [DATABASE, OutboxService],
    useFactory: (db: Database, outbox: OutboxService) => new LinkTicketsUseCase(db, outbox.onCommitted),
  },
  { provide: TicketWatchersUseCase, inject: [DATABASE], useFactory: (db: Database) => new TicketWatchersUseCase(db) },
];

export const customerProviders: Provider[] = [
  { provide: ManageCustomersUseCase, inject: [DATABASE], useFactory: (db: Database) => new ManageCustomersUseCase(db) },
  {
    provide: MergeCustomersUseCase,
    inject: [DATABASE, OutboxService],
    useFactory: (db: Database, outbox: OutboxService) => new MergeCustomersUseCase(db, outbox.onCommitted),
  },
];

/** Tenant slug → id cache of this process. */
export const tenantDirectoryProvider: Provider = { provide: TenantDirectory, useFactory: () => new TenantDirectory() };

/** The agent API's writes on tickets: replies and custom fields (locked like any lifecycle change). */
export const agentWriteProviders: Provider[] = [
  {
    provide: PostReplyUseCase,
    inject: [DATABASE, OutboxService],
    useFactory: (db: Database, outbox: OutboxService) => new PostReplyUseCase(db, outbox.onCommitted),
  },
  {
    provide: UpdateTicketFieldsUseCase,
    inject: [DATABASE, OutboxService],
    useFactory: (db: Database, outbox: OutboxService) => new UpdateTicketFieldsUseCase(db, outbox.onCommitted),
  },
];
