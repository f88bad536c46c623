import { runNestService } from '@switchboard/bootstrap';
import { ChannelWebAppModule } from './channel-web-app.module';

runNestService('channel-web', {
  module: (config) => ChannelWebAppModule.forRoot(config),
  port: (config) => config.http.port,
  openApi: { title: 'Switchboard web channel', description: 'The web form and its submissions API.' },
});
