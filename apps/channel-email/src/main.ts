import { runNestService } from '@switchboard/bootstrap';
import { ChannelEmailAppModule } from './channel-email-app.module';

runNestService('channel-email', {
  module: (config) => ChannelEmailAppModule.forRoot(config),
  port: (config) => config.http.port,
});
