import { Module, type DynamicModule } from '@nestjs/common';
import { ServicePlatformModule } from '@switchboard/bootstrap';
import { ChannelWebModule } from '@switchboard/channel-web';
import type { Config } from '@switchboard/config';

/** channel-web: the web form and submissions API → inbound.messages.v1. Never touches the database. */
@Module({})
export class ChannelWebAppModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: ChannelWebAppModule,
      imports: [ServicePlatformModule.forRoot({ config, service: 'channel-web' }), ChannelWebModule.forRoot(config)],
    };
  }
}
