import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { createLogger } from '@switchboard/logger';
import { DATABASE, OutboxService, type Database } from '@switchboard/persistence';
import { CreateApiTicketUseCase } from './crm/create-api-ticket.use-case';
import { ExternalStatusQuery } from './crm/external-status.query';
import { SyncCustomersUseCase } from './crm/sync-customers.use-case';
import { loadIntegrationsConfig, type IntegrationsConfig } from './integrations.config';
import { LocalBlobEraser } from './personal-data/blob-eraser';
import { EraseCustomerUseCase } from './personal-data/erase-customer.use-case';
import { ExportCustomerDataUseCase } from './personal-data/export-customer-data.use-case';
import { DispatchWebhooksUseCase } from './webhooks/dispatch-webhooks.use-case';
import { EnqueueWebhookDeliveriesUseCase } from './webhooks/enqueue-webhook-deliveries.use-case';
import { ManageWebhooksUseCase } from './webhooks/manage-webhooks.use-case';
import { WebhookEventsConsumer } from './webhooks/webhook-events.consumer';
import { HttpWebhookSender } from './webhooks/webhook-sender';

/** The integrations settings (WEBHOOK_*, EMAIL_BLOB_DIR), read from the environment once. */
export const INTEGRATIONS_CONFIG = Symbol('INTEGRATIONS_CONFIG');

const configProvider = { provide: INTEGRATIONS_CONFIG, useFactory: () => loadIntegrationsConfig(process.env) };

const onDatabase = <T>(UseCase: new (db: Database) => T) => ({
  provide: UseCase,
  inject: [DATABASE],
  useFactory: (db: Database) => new UseCase(db),
});

const useCases = [
  ManageWebhooksUseCase,
  SyncCustomersUseCase,
  CreateApiTicketUseCase,
  ExternalStatusQuery,
  ExportCustomerDataUseCase,
  EraseCustomerUseCase,
];

/**
 * The use-cases the agent API's integration endpoints call: webhook subscriptions and their delivery
 * log, the CRM customer sync, CRM-created tickets and status by external id, personal-data export and
 * erasure. Needs DATABASE and OutboxService (PersistenceModule). No consumers: WebhookDispatchModule.
 */
@Module({
  providers: [
    configProvider,
    {
      provide: ManageWebhooksUseCase,
      inject: [DATABASE, INTEGRATIONS_CONFIG],
      useFactory: (db: Database, config: IntegrationsConfig) =>
        new ManageWebhooksUseCase(db, config.webhooks.destinations),
    },
    onDatabase(SyncCustomersUseCase),
    onDatabase(ExternalStatusQuery),
    onDatabase(ExportCustomerDataUseCase),
    {
      provide: CreateApiTicketUseCase,
      inject: [DATABASE, OutboxService],
      useFactory: (db: Database, outbox: OutboxService) => new CreateApiTicketUseCase(db, outbox.onCommitted),
    },
    {
      provide: EraseCustomerUseCase,
      inject: [DATABASE, INTEGRATIONS_CONFIG],
      useFactory: (db: Database, config: IntegrationsConfig) =>
        new EraseCustomerUseCase(db, new LocalBlobEraser(config.blobDir)),
    },
  ],
  exports: useCases,
})
export class IntegrationsModule {}

/** Sends due deliveries every WEBHOOK_POLL_MS; stopped (and the run in flight awaited) before the database closes. */
@Injectable()
export class WebhookDispatcherService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = createLogger('WebhookDispatcher');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly dispatch: DispatchWebhooksUseCase,
    @Inject(INTEGRATIONS_CONFIG) private readonly config: IntegrationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.drain());
    }, this.config.webhooks.pollMs);
    this.timer.unref();
  }

  /** Runs until a pass finds less than a full batch due, so a backlog drains at full speed. */
  private async drain(): Promise<void> {
    try {
      for (;;) {
        const result = await this.dispatch.execute();
        if (result.attempted < this.config.webhooks.batchSize) return;
      }
    } catch (error) {
      this.log.error({ err: error }, 'webhook dispatch failed; the next run tries again');
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/**
 * The webhook pipeline: the `ticket.events.v1` consumer (group `agent-api.webhooks`) that turns
 * committed ticket events into pending deliveries, and the dispatcher that sends them, retries and
 * disables. Run by the agent-api service (distributed) and the standalone app (embedded); needs
 * TRANSPORT/BatchTransportServer (MessagingModule), CONFIG, DATABASE.
 */
@Module({
  controllers: [WebhookEventsConsumer],
  providers: [
    configProvider,
    onDatabase(EnqueueWebhookDeliveriesUseCase),
    {
      provide: DispatchWebhooksUseCase,
      inject: [DATABASE, INTEGRATIONS_CONFIG],
      useFactory: (db: Database, config: IntegrationsConfig) =>
        new DispatchWebhooksUseCase(
          db,
          new HttpWebhookSender(config.webhooks.timeoutMs, config.webhooks.destinations),
          {
            batchSize: config.webhooks.batchSize,
            disableAfterFailures: config.webhooks.disableAfterFailures,
            leaseMs: config.webhooks.timeoutMs * 3,
          },
        ),
    },
    WebhookDispatcherService,
  ],
  exports: [DispatchWebhooksUseCase, EnqueueWebhookDeliveriesUseCase],
})
export class WebhookDispatchModule {}
