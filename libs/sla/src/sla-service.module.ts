import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CONFIG, type Config } from '@switchboard/config';
import { CAPACITY_STORE, type CapacityStore } from '@switchboard/coordination';
import { createLogger } from '@switchboard/logger';
import { DATABASE, OutboxService, type Database } from '@switchboard/persistence';
import { SlaTicketEventsConsumer } from './clocks/sla-ticket-events.consumer';
import { UpdateTicketClocksUseCase } from './clocks/update-ticket-clocks.use-case';
import { FireDueTimersUseCase } from './timers/fire-due-timers.use-case';
import { SlaTimerLoop } from './timers/sla-timer-loop';

/** Starts the timer loop after bootstrap; stopped before the outbox and the database shut down. */
@Injectable()
export class SlaTimerLoopService implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(SlaTimerLoop) readonly loop: SlaTimerLoop) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }
}

/**
 * The SLA engine's running part, in the ticket service (and the standalone app): the consumer of
 * ticket.events.v1 (group `ticket-service.sla`) that keeps clocks and timers, and the timer loop.
 * Needs the global CONFIG, DATABASE, OutboxService, CAPACITY_STORE and TRANSPORT/BatchTransportServer.
 */
@Module({
  controllers: [SlaTicketEventsConsumer],
  providers: [
    {
      provide: UpdateTicketClocksUseCase,
      inject: [DATABASE, OutboxService],
      useFactory: (db: Database, outbox: OutboxService) =>
        new UpdateTicketClocksUseCase({ db, onCommitted: outbox.onCommitted }),
    },
    {
      provide: FireDueTimersUseCase,
      inject: [DATABASE, OutboxService, CONFIG],
      useFactory: (db: Database, outbox: OutboxService, config: Config) =>
        new FireDueTimersUseCase({ db, onCommitted: outbox.onCommitted, batchSize: config.sla.timerBatch }),
    },
    {
      provide: SlaTimerLoop,
      inject: [FireDueTimersUseCase, UpdateTicketClocksUseCase, CAPACITY_STORE, CONFIG],
      useFactory: (
        fire: FireDueTimersUseCase,
        clocks: UpdateTicketClocksUseCase,
        capacity: CapacityStore,
        config: Config,
      ) =>
        new SlaTimerLoop({
          fire,
          clocks,
          capacity,
          pollMs: config.sla.timerPollMs,
          batchSize: config.sla.timerBatch,
          log: createLogger('SlaTimerLoop'),
        }),
    },
    SlaTimerLoopService,
  ],
  exports: [UpdateTicketClocksUseCase, FireDueTimersUseCase, SlaTimerLoop],
})
export class SlaServiceModule {}
