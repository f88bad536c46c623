import { Module } from '@nestjs/common';
import { DATABASE, OutboxService, type Database } from '@switchboard/persistence';
import { ManageCustomersUseCase } from './customers/manage-customers.use-case';
import { MergeCustomersUseCase } from './customers/merge-customers.use-case';
import { ArchiveClosedTicketsUseCase } from './lifecycle/archive-closed-tickets/archive-closed-tickets.use-case';
import { AssignTicketUseCase } from './lifecycle/assign-ticket/assign-ticket.use-case';
import { ChangeStatusUseCase } from './lifecycle/change-status/change-status.use-case';
import { CloseResolvedTicketsUseCase } from './lifecycle/close-resolved-tickets/close-resolved-tickets.use-case';
import { DecideReviewUseCase } from './lifecycle/decide-review/decide-review.use-case';
import { TransferTicketUseCase } from './lifecycle/transfer-ticket/transfer-ticket.use-case';
import { LinkTicketsUseCase } from './links/link-tickets.use-case';
import { TicketWatchersUseCase } from './links/ticket-watchers.use-case';
import { MergeTicketsUseCase } from './merge/merge-tickets.use-case';
import { SplitTicketUseCase } from './merge/split-ticket.use-case';
import { TenantDirectory } from './shared/tenant-directory';
import { PostReplyUseCase } from './replies/post-reply.use-case';
import { UpdateTicketFieldsUseCase } from './ticket-fields/update-ticket-fields.use-case';
import {
  agentWriteProviders,
  customerProviders,
  lifecycleProviders,
  relationProviders,
  tenantDirectoryProvider,
} from './tickets.providers';

/**
 * The ticket use-cases other modules call (the agent API's controllers): lifecycle, merge and links,
 * customers, replies and custom fields. The only writer of `tickets` and their messages, audit rows and relations. Needs the
 * global infrastructure modules: DATABASE and OutboxService (PersistenceModule), CAPACITY_STORE
 * (CoordinationModule). No consumers: TicketServiceModule runs those.
 */
@Module({
  providers: [
    ...lifecycleProviders,
    ...relationProviders,
    ...customerProviders,
    ...agentWriteProviders,
    tenantDirectoryProvider,
    // Self-service decides which tenants auto-close (its settings); this module owns the write.
    {
      provide: CloseResolvedTicketsUseCase,
      inject: [DATABASE, OutboxService],
      useFactory: (db: Database, outbox: OutboxService) => new CloseResolvedTicketsUseCase(db, outbox.onCommitted),
    },
  ],
  exports: [
    CloseResolvedTicketsUseCase,
    ChangeStatusUseCase,
    AssignTicketUseCase,
    TransferTicketUseCase,
    DecideReviewUseCase,
    ArchiveClosedTicketsUseCase,
    MergeTicketsUseCase,
    SplitTicketUseCase,
    LinkTicketsUseCase,
    TicketWatchersUseCase,
    ManageCustomersUseCase,
    MergeCustomersUseCase,
    PostReplyUseCase,
    UpdateTicketFieldsUseCase,
    TenantDirectory,
  ],
})
export class TicketsModule {}
