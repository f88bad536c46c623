import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { deliveryReportRecord, statusOf, type TransactionalChannelSqlClient } from '@switchboard/channel-sdk';
import { Channel, DeliveryReport_Status, Topics } from '@switchboard/contracts';
import { TRANSPORT, type Transport } from '@switchboard/messaging';
import { ApiChannelAdminUseCase } from './admin/api-channel-admin.use-case';
import { API_CHANNEL_CONFIG, API_CHANNEL_SQL_CLIENT } from './api-channel.tokens';
import { loadApiChannelConfig, type ApiChannelConfig } from './config/api-channel.config';
import { DeliverApiAnswer } from './outbound/deliver-api-answer';
import { ApiChannelRepository } from './store/api-channel.repository';
import { ApiDeliveryRepository } from './store/api-delivery.repository';

export interface ApiChannelsModuleOptions {
  /** Binds API_CHANNEL_SQL_CLIENT (a TransactionalChannelSqlClient). */
  readonly sqlClient: Provider;
  /** Default: loadApiChannelConfig(process.env). */
  readonly config?: ApiChannelConfig;
}

/**
 * The owner of the api_* tables for other modules: the admin use-cases (create, rotate, delivery log,
 * replay) the agent API serves, and the delivery step the channel's consumer runs. Global, so that
 * AgentApiModule and ChannelApiModule reach the one store. Needs TRANSPORT (a replay's report).
 */
@Module({})
export class ApiChannelsModule {
  static forRoot(options: ApiChannelsModuleOptions): DynamicModule {
    return {
      module: ApiChannelsModule,
      global: true,
      providers: [
        options.sqlClient,
        { provide: API_CHANNEL_CONFIG, useFactory: () => options.config ?? loadApiChannelConfig(process.env) },
        {
          provide: ApiChannelRepository,
          inject: [API_CHANNEL_SQL_CLIENT],
          useFactory: (db: TransactionalChannelSqlClient) => new ApiChannelRepository(db),
        },
        {
          provide: ApiDeliveryRepository,
          inject: [API_CHANNEL_SQL_CLIENT],
          useFactory: (db: TransactionalChannelSqlClient) => new ApiDeliveryRepository(db),
        },
        {
          provide: DeliverApiAnswer,
          inject: [ApiChannelRepository, ApiDeliveryRepository, API_CHANNEL_CONFIG],
          useFactory: (channels: ApiChannelRepository, deliveries: ApiDeliveryRepository, config: ApiChannelConfig) =>
            new DeliverApiAnswer({
              channels,
              deliveries,
              timeoutMs: config.delivery.timeoutMs,
              destinations: config.delivery.destinations,
            }),
        },
        {
          provide: ApiChannelAdminUseCase,
          // Optional: the agent API's unit harness runs without a bus (a replay then reports nothing).
          inject: [API_CHANNEL_SQL_CLIENT, API_CHANNEL_CONFIG, DeliverApiAnswer, { token: TRANSPORT, optional: true }],
          useFactory: (
            db: TransactionalChannelSqlClient,
            config: ApiChannelConfig,
            deliver: DeliverApiAnswer,
            transport: Transport | undefined,
          ) =>
            new ApiChannelAdminUseCase(db, config, deliver, async ({ message, providerMessageId }) => {
              const status = statusOf(message, DeliveryReport_Status.SENT, providerMessageId);
              await transport?.publish(Topics.outboundStatus, [deliveryReportRecord(Channel.API, status, new Date())]);
            }),
        },
      ],
      exports: [
        API_CHANNEL_SQL_CLIENT,
        API_CHANNEL_CONFIG,
        ApiChannelRepository,
        DeliverApiAnswer,
        ApiChannelAdminUseCase,
      ],
    };
  }
}
