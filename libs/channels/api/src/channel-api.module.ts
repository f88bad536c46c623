import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ChannelSdkModule } from '@switchboard/channel-sdk';
import { Topics } from '@switchboard/contracts';
import { ApiChannelAdapter, API_CHANNEL_NAME } from './api-channel.adapter';
import { ApiChannelsModule } from './api-channels.module';
import { loadApiChannelConfig, type ApiChannelConfig } from './config/api-channel.config';
import { DeliverApiAnswer } from './outbound/deliver-api-answer';
import { ApiChannelRepository } from './store/api-channel.repository';

export const API_CHANNEL_INBOUND_PATH = 'api/v1/channels/api/:channelId/messages';

export interface ChannelApiModuleOptions {
  /** Binds API_CHANNEL_SQL_CLIENT: the app's DATABASE, or createChannelSqlPool(url) in apps/channel-api. */
  readonly sqlClient: Provider;
  /** Default: loadApiChannelConfig(process.env). */
  readonly config?: ApiChannelConfig;
}

/**
 * The API channel on the channel SDK: the signed webhook (`POST /api/v1/channels/api/:channelId/messages`)
 * and the outbound.api.v1 consumer (signed POSTs to the integrator, retried with exponential backoff,
 * dead-lettered after the last attempt, each attempt in the delivery log). Needs TRANSPORT.
 */
@Module({})
export class ChannelApiModule {
  static forRoot(options: ChannelApiModuleOptions): DynamicModule {
    const config = options.config ?? loadApiChannelConfig(process.env);
    return {
      module: ChannelApiModule,
      imports: [
        ApiChannelsModule.forRoot({ sqlClient: options.sqlClient, config }),
        ChannelSdkModule.forAdapter({
          name: API_CHANNEL_NAME,
          outboundTopic: Topics.outboundApi,
          adapter: {
            inject: [ApiChannelRepository, DeliverApiAnswer],
            useFactory: (channels: ApiChannelRepository, deliver: DeliverApiAnswer) =>
              new ApiChannelAdapter(channels, deliver),
          },
          webhook: {
            path: API_CHANNEL_INBOUND_PATH,
            maxBodyBytes: config.maxBodyBytes,
            mediaTypes: ['application/json'],
          },
          outbound: { retry: config.delivery },
        }),
      ],
    };
  }
}
