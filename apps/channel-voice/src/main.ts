import { runNestService } from '@switchboard/bootstrap';
import { ChannelVoiceAppModule } from './channel-voice-app.module';

runNestService('channel-voice', {
  module: (config) => ChannelVoiceAppModule.forRoot(config),
  port: (config) => config.http.port,
  openApi: { title: 'Switchboard SMS and voice channel', description: "Twilio's signed SMS and voice webhooks." },
});
