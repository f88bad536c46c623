import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, loadConfig } from '@switchboard/config';
import { InProcessTransport, MessagingModule } from '@switchboard/messaging';
import { bootAppModule } from '@switchboard/testing';
import { ChannelVoiceModule } from './channel-voice.module';
import { VoiceConfigError } from './config/voice-channel.config';
import { VOICE_SQL_CLIENT } from './voice-channel.tokens';

@Module({})
class VoiceOnlyModule {
  static forRoot(transport: InProcessTransport, env: Record<string, string>): DynamicModule {
    return {
      module: VoiceOnlyModule,
      imports: [
        ConfigModule.forRoot(loadConfig({})),
        MessagingModule.forRoot('voice-module-test', { transport }),
        // No statement runs at start-up: the stores only query when a webhook or an answer arrives.
        ChannelVoiceModule.forRoot({
          sqlClient: { provide: VOICE_SQL_CLIENT, useValue: { query: () => Promise.resolve([]) } },
          env,
        }),
      ],
    };
  }
}

describe('ChannelVoiceModule start-up', () => {
  it('refuses to start without its Twilio settings, naming every missing one', async () => {
    const transport = new InProcessTransport();
    try {
      const started = bootAppModule(VoiceOnlyModule.forRoot(transport, {}));
      await expect(started).rejects.toBeInstanceOf(VoiceConfigError);
      const error = (await started.catch((e: unknown) => e)) as VoiceConfigError;
      expect(error.problems.map((p) => p.split(':')[0])).toEqual([
        'VOICE_TWILIO_ACCOUNT_SID',
        'VOICE_TWILIO_AUTH_TOKEN',
        'VOICE_PUBLIC_BASE_URL',
      ]);
    } finally {
      await transport.close();
    }
  });

  it('refuses a bad retry policy when the module is built', () => {
    expect(() => VoiceOnlyModule.forRoot(new InProcessTransport(), { VOICE_DELIVERY_ATTEMPTS: '0' })).toThrow(
      VoiceConfigError,
    );
  });
});
