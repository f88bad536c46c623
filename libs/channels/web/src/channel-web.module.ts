import { Inject, Injectable, Module } from '@nestjs/common';
import type { BeforeApplicationShutdown, DynamicModule } from '@nestjs/common';
import { ChannelSdkModule, channelTokens, type InboundSink } from '@switchboard/channel-sdk';
import { CONFIG, type Config } from '@switchboard/config';
import { Topics } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import { TRANSPORT, type Transport } from '@switchboard/messaging';
import { WebFormController } from './form/web-form.controller';
import { WEB_CHANNEL_NAME, WebPortalAdapter } from './outbound/web-portal.adapter';
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
 * customer portal's pages (over the agent API's customer endpoints) and, from the channel SDK, the
 * ingress (publish-then-answer) and the outbound.web.v1 consumer (WebPortalAdapter). Needs
 * CONFIG and TRANSPORT (ConfigModule, MessagingModule), an app made by createHttpApp (body limits,
 * rate-limit store) and startConsumers(app) for the receipts. Never touches the ticket database.
 */
@Module({})
export class ChannelWebModule {
  static forRoot(config: Config): DynamicModule {
    const sdk = ChannelSdkModule.forAdapter({
      name: WEB_CHANNEL_NAME,
      outboundTopic: Topics.outboundWeb,
      providers: [PortalLinker],
      adapter: {
        inject: [TRANSPORT, PortalLinker],
        useFactory: (transport: Transport, links: PortalLinker) => new WebPortalAdapter(transport, links),
      },
      // The form shows the ticket service's duplicate receipt (the original ticket number).
      ingress: { dedupe: false },
    });
    return {
      module: ChannelWebModule,
      imports: [sdk],
      controllers: [
        WebFormController,
        submissionsControllerFor({ maxBodyBytes: config.web.maxBodyBytes }),
        webReceiptsConsumerFor(config.instanceId),
        PortalPagesController,
      ],
      providers: [
        {
          provide: ReceiptWaiter,
          inject: [CONFIG],
          useFactory: (c: Config) => new ReceiptWaiter({ timeoutMs: c.web.receiptTimeoutMs }),
        },
        {
          provide: SubmitWebFormUseCase,
          inject: [channelTokens(WEB_CHANNEL_NAME).ingress, ReceiptWaiter],
          useFactory: (ingress: InboundSink, receipts: ReceiptWaiter) =>
            new SubmitWebFormUseCase(ingress, receipts, createLogger('SubmitWebForm')),
        },
        ReceiptWaiterCloser,
        PortalLinker,
        SubmissionRateGuard,
      ],
    };
  }
}
