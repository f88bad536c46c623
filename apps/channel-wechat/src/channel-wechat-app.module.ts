import { Module, type DynamicModule } from '@nestjs/common';
import { ServicePlatformModule } from '@switchboard/bootstrap';
import { ChannelSelfServiceClient } from '@switchboard/channel-sdk';
import {
  ChannelWechatModule,
  HttpWechatSelfService,
  loadWechatChannelConfig,
  WECHAT_SELF_SERVICE,
} from '@switchboard/channel-wechat';
import type { Config } from '@switchboard/config';

/**
 * channel-wechat: Official Account and WeCom customer-service callbacks → inbound.messages.v1;
 * outbound.wechat.v1 → customer-service messages, kf send_msg or templates. Keeps access tokens, kf
 * cursors and reply windows in Redis; never touches the ticket database: 查询 and ratings are asked of
 * the agent API (PORTAL_API_URL), signed with PORTAL_SECRET's derived key (docs/channels/wechat.md).
 */
@Module({})
export class ChannelWechatAppModule {
  static forRoot(config: Config, env: Readonly<Record<string, string | undefined>> = process.env): DynamicModule {
    const wechat = loadWechatChannelConfig(env);
    const secret = config.portal.secret ?? config.jwtSecret;
    // No account: the service runs and refuses every callback (401); docs/channels/wechat.md says how to add one.
    return {
      module: ChannelWechatAppModule,
      imports: [
        ServicePlatformModule.forRoot({ config, service: 'channel-wechat' }),
        ChannelWechatModule.forRoot({
          config: wechat,
          ...(secret
            ? {
                selfService: {
                  provider: {
                    provide: WECHAT_SELF_SERVICE,
                    useFactory: () =>
                      new HttpWechatSelfService(new ChannelSelfServiceClient(config.portal.apiUrl, secret)),
                  },
                },
              }
            : {}),
        }),
      ],
    };
  }
}
