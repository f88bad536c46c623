import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ChannelSdkModule } from '@switchboard/channel-sdk';
import { Topics } from '@switchboard/contracts';
import { loadVoiceDeliveryPolicy, type VoiceChannelConfig } from './config/voice-channel.config';
import type { BlobStore } from './media/blob-store';
import { SmsSender } from './outbound/sms-sender';
import type { SmsStatusLedger } from './store/sms-status-ledger';
import { VOICE_CHANNEL_NAME, VoiceChannelAdapter } from './voice-channel.adapter';
import { STORE_EXPORTS, storeProviders, webhookProviders } from './voice-channel.providers';
import { SMS_STATUS_LEDGER, VOICE_CHANNEL_CONFIG } from './voice-channel.tokens';
import { SmsWebhooks } from './webhooks/sms-webhooks';
import { TwilioWebhookVerifier } from './webhooks/twilio-webhook-verifier';
import { TwilioWebhooksController } from './webhooks/twilio-webhooks.controller';
import { VoiceWebhooks } from './webhooks/voice-webhooks';

export interface ChannelVoiceModuleOptions {
  /** Binds VOICE_SQL_CLIENT: the app's DATABASE, or createChannelSqlPool(url) in apps/channel-voice. */
  readonly sqlClient: Provider;
  /** Default: loadVoiceChannelConfig(env), validated when the application starts. */
  readonly config?: VoiceChannelConfig;
  /** Where the settings come from without `config`. Default: process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default: the email channel's LocalBlobStore under VOICE_BLOB_DIR. */
  readonly blobs?: BlobStore;
  /** Binds TICKET_STATUS_LOOKUP (the caller's open ticket, spoken). Default: says it cannot be read by phone yet. */
  readonly ticketStatus?: Provider;
}

@Module({})
class VoiceChannelStoresModule {}

/**
 * SMS and voice on Twilio: the signed webhooks (inbound SMS/MMS, reply statuses, the call, its menu,
 * voicemail, recording, transcription and call-status callbacks) and, from the channel SDK, the
 * ingress (publish-then-answer, dedupe on MessageSid / RecordingSid) and the outbound.sms.v1 consumer
 * (retries with backoff, DLQ, delivery reports). Owns voice_opt_outs, voice_calls and
 * voice_sms_statuses. Needs TRANSPORT and an app made by createHttpApp (raw bodies for signatures).
 * The settings are validated when the application starts (every problem listed), not when the module
 * is built.
 */
@Module({})
export class ChannelVoiceModule {
  static forRoot(options: ChannelVoiceModuleOptions): DynamicModule {
    const retry = options.config?.delivery ?? loadVoiceDeliveryPolicy(options.env ?? process.env);
    const stores: DynamicModule = {
      module: VoiceChannelStoresModule,
      global: true,
      providers: storeProviders(options),
      exports: STORE_EXPORTS,
    };
    return {
      module: ChannelVoiceModule,
      imports: [
        stores,
        ChannelSdkModule.forAdapter({
          name: VOICE_CHANNEL_NAME,
          outboundTopic: Topics.outboundSms,
          imports: [stores],
          providers: webhookProviders(),
          exports: [SmsWebhooks, VoiceWebhooks],
          adapter: {
            inject: [VOICE_CHANNEL_CONFIG, TwilioWebhookVerifier, SmsWebhooks, SmsSender, SMS_STATUS_LEDGER],
            useFactory: (
              config: VoiceChannelConfig,
              verifier: TwilioWebhookVerifier,
              sms: SmsWebhooks,
              sender: SmsSender,
              ledger: SmsStatusLedger,
            ) => new VoiceChannelAdapter(config, verifier, sms, sender, ledger),
          },
          outbound: { retry },
        }),
      ],
      controllers: [TwilioWebhooksController],
    };
  }
}
