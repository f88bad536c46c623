import { runNestService } from '@switchboard/bootstrap';
import { ChannelApiAppModule } from './channel-api-app.module';

runNestService('channel-api', {
  module: (config) => ChannelApiAppModule.forRoot(config),
  port: (config) => config.http.port,
  openApi: { title: 'Switchboard API channel', description: 'Signed inbound messages from integrators.' },
});
