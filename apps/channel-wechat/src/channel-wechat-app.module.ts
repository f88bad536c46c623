import { Module, type DynamicModule } from '@nestjs/common';
import { ServicePlatformModule } from '@switchboard/bootstrap';
import { ChannelWechatModule, loadWechatChannelConfig } from '@switchboard/channel-wechat';
import type { Config } from '@switchboard/config';

/**
 * channel-wechat: Official Account and WeCom customer-service callbacks → inbound.messages.v1;
 * outbound.wechat.v1 → customer-service messages, kf send_msg or templates. Keeps access tokens, kf
 * cursors and reply windows in Redis; never touches the ticket database (self-service commands in
 * WeChat are answered by the standalone app only, see docs/channels/wechat.md).
 */
@Module({})
export class ChannelWechatAppModule {
  static forRoot(config: Config, env: Readonly<Record<string, string | undefined>> = process.env): DynamicModule {
    const wechat = loadWechatChannelConfig(env);
    // No account: the service runs and refuses every callback (401); docs/channels/wechat.md says how to add one.
    return {
      module: ChannelWechatAppModule,
      imports: [
        ServicePlatformModule.forRoot({ config, service: 'channel-wechat' }),
        ChannelWechatModule.forRoot({ config: wechat }),
      ],
    };
  }
}
