import { Module } from '@nestjs/common';
import { CONFIG, type Config } from '@switchboard/config';
import { CAPACITY_STORE, type CapacityStore } from '@switchboard/coordination';
import { createLogger } from '@switchboard/logger';
import { Metrics } from '@switchboard/observability';
import { DATABASE, OutboxService, type Database } from '@switchboard/persistence';
import { AssignTicketsUseCase } from './assign-tickets/assign-tickets.use-case';
import { TicketCreatedConsumer } from './assign-tickets/ticket-created.consumer';
import { RoutingDirectory } from './directory/routing-directory';
import { DrainTeamQueuesUseCase } from './drain-queues/drain-team-queues.use-case';
import { QueueDrainerService } from './drain-queues/queue-drainer.service';
import { RoutingPass } from './drain-queues/routing-pass';
import { CapacityReconcilerService } from './reconcile/capacity-reconciler.service';
import { RoutingModule } from './routing.module';

const log = createLogger('RoutingService');
type WriteDeps = [db: Database, directory: RoutingDirectory, capacity: CapacityStore, outbox: OutboxService];
const WRITE_DEPS = [DATABASE, RoutingDirectory, CAPACITY_STORE, OutboxService];

/**
 * The routing service: rebuilds the capacity counters from Postgres at start, routes every new ticket
 * (`ticket.events.v1`), and drains the team queues (presence expiry first) every poll interval. The
 * consumer runs once the app connects BatchTransportServer (`startConsumers(app)`); needs the global
 * CONFIG, DATABASE, OutboxService, CAPACITY_STORE, TRANSPORT/BatchTransportServer and Metrics.
 */
@Module({
  imports: [RoutingModule],
  controllers: [TicketCreatedConsumer],
  providers: [
    CapacityReconcilerService,
    {
      provide: AssignTicketsUseCase,
      inject: WRITE_DEPS,
      useFactory: (...[db, directory, capacity, outbox]: WriteDeps) =>
        new AssignTicketsUseCase(db, directory, capacity, log, outbox.onCommitted),
    },
    {
      provide: DrainTeamQueuesUseCase,
      inject: WRITE_DEPS,
      useFactory: (...[db, directory, capacity, outbox]: WriteDeps) =>
        new DrainTeamQueuesUseCase(db, directory, capacity, outbox.onCommitted),
    },
    {
      provide: RoutingPass,
      inject: [DATABASE, RoutingDirectory, DrainTeamQueuesUseCase, CONFIG, Metrics],
      useFactory: (
        db: Database,
        directory: RoutingDirectory,
        drain: DrainTeamQueuesUseCase,
        config: Config,
        metrics: Metrics,
      ) => new RoutingPass({ db, directory, drain, presenceTimeoutMs: config.routing.presenceTimeoutMs, log, metrics }),
    },
    {
      provide: QueueDrainerService,
      inject: [RoutingPass, CONFIG],
      useFactory: (pass: RoutingPass, config: Config) => new QueueDrainerService(pass, config.routing.queuePollMs),
    },
  ],
})
export class RoutingServiceModule {}
