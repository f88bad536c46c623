import { Inject, Injectable, Module } from '@nestjs/common';
import type { BeforeApplicationShutdown, DynamicModule } from '@nestjs/common';
import { CONFIG, type Config } from '@switchboard/config';
import { createLogger } from '@switchboard/logger';
import { TRANSPORT, type Transport } from '@switchboard/messaging';
import { WebFormController } from './form/web-form.controller';
import { WebOutboundConsumer } from './outbound/web-outbound.consumer';
import { PortalLinker } from './portal/portal-linker';
import { PortalPagesController } from './portal/portal-pages.controller';
import { ReceiptWaiter } from './receipts/receipt-waiter';
import { webReceiptsConsumerFor } from './receipts/web-receipts.consumer';
import { SubmissionRateGuard } from './submissions/submission-rate.guard';
import { submissionsControllerFor } from './submissions/submissions.controller';
import { SubmitWebFormUseCase } from './submit-web-form/submit-web-form.use-case';

/**
 * Lets requests still waiting for a receipt answer 202 (their message is on the bus) before the HTTP
 * server closes: Fastify's close waits for in-flight requests, which would otherwise wait out their timeout.
 */
@Injectable()
class ReceiptWaiterCloser implements BeforeApplicationShutdown {
  constructor(@Inject(ReceiptWaiter) private readonly waiter: ReceiptWaiter) {}

  beforeApplicationShutdown(): void {
    this.waiter.close();
  }
}

/**
 * The web channel: the support form, the submissions API, this instance's receipt consumer, the
 * customer portal's pages (over the agent API's customer endpoints) and the outbound.web.v1 consumer. Needs
 * CONFIG and TRANSPORT (ConfigModule, MessagingModule), an app made by createHttpApp (body limits,
 * rate-limit store) and startConsumers(app) for the receipts. Never touches the ticket database.
 */
@Module({})
export class ChannelWebModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: ChannelWebModule,
      controllers: [
        WebFormController,
        submissionsControllerFor({ maxBodyBytes: config.web.maxBodyBytes }),
        webReceiptsConsumerFor(config.instanceId),
        PortalPagesController,
        WebOutboundConsumer,
      ],
      providers: [
        {
          provide: ReceiptWaiter,
          inject: [CONFIG],
          useFactory: (c: Config) => new ReceiptWaiter({ timeoutMs: c.web.receiptTimeoutMs }),
        },
        {
          provide: SubmitWebFormUseCase,
          inject: [TRANSPORT, ReceiptWaiter],
          useFactory: (transport: Transport, receipts: ReceiptWaiter) =>
            new SubmitWebFormUseCase(transport, receipts, createLogger('SubmitWebForm')),
        },
        ReceiptWaiterCloser,
        PortalLinker,
        SubmissionRateGuard,
      ],
    };
  }
}
