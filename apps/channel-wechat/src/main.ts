import { runNestService } from '@switchboard/bootstrap';
import { ChannelWechatAppModule } from './channel-wechat-app.module';

runNestService('channel-wechat', {
  module: (config) => ChannelWechatAppModule.forRoot(config),
  port: (config) => config.http.port,
  openApi: {
    title: 'Switchboard WeChat channel',
    description: 'Official Account and WeCom customer-service callbacks.',
  },
});
