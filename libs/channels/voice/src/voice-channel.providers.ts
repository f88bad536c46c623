import type { Provider } from '@nestjs/common';
import { channelTokens, type ChannelSqlClient, type InboundSink } from '@switchboard/channel-sdk';
import { LocalBlobStore } from '@switchboard/blobs';
import { Headers, Topics, encodeDeliveryReport, type DeliveryReport } from '@switchboard/contracts';
import { TRANSPORT, type Transport } from '@switchboard/messaging';
import { loadVoiceChannelConfig, type VoiceChannelConfig } from './config/voice-channel.config';
import type { BlobStore } from './media/blob-store';
import { TwilioMediaFetcher } from './media/twilio-media-fetcher';
import { OPT_OUT_STORE, type OptOutStore } from './opt-out/opt-out.store';
import { SmsSender } from './outbound/sms-sender';
import { PgCallStateStore } from './store/pg-call-state.store';
import { PgOptOutStore } from './store/pg-opt-out.store';
import { PgSmsStatusLedger, type SmsStatusLedger } from './store/sms-status-ledger';
import { VOICE_CHANNEL_NAME } from './voice-channel.adapter';
import {
  SMS_STATUS_LEDGER,
  VOICE_BLOB_STORE,
  VOICE_CHANNEL_CONFIG,
  VOICE_MMS_FETCHER,
  VOICE_RECORDING_FETCHER,
  VOICE_SQL_CLIENT,
} from './voice-channel.tokens';
import { TICKET_STATUS_LOOKUP, type TicketStatusLookup } from './voice/answer-call';
import { CALL_STATE_STORE, type CallStateStore } from './voice/call-state.store';
import { SmsWebhooks } from './webhooks/sms-webhooks';
import { TwilioWebhookVerifier } from './webhooks/twilio-webhook-verifier';
import { VoiceWebhooks } from './webhooks/voice-webhooks';

/** What the module's providers are built from (ChannelVoiceModuleOptions without the module's own parts). */
export interface VoiceProviderOptions {
  readonly sqlClient: Provider;
  readonly config?: VoiceChannelConfig | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly blobs?: BlobStore | undefined;
  readonly ticketStatus?: Provider | undefined;
}

const NO_STATUS_LOOKUP: TicketStatusLookup = {
  spokenStatus: (_tenant, _phone, language) =>
    Promise.resolve(
      language === 'zh-CN'
        ? '暂时无法通过电话查询工单状态，请留言。'
        : 'Ticket status cannot be read by phone yet. Please leave a message.',
    ),
};

const reportRecord = (report: DeliveryReport) => ({
  key: report.ticketId,
  value: encodeDeliveryReport(report),
  headers: { [Headers.tenantId]: report.tenant },
});

const fetcherOf = (config: VoiceChannelConfig, limits: VoiceChannelConfig['mediaLimits'], blobs: BlobStore) =>
  new TwilioMediaFetcher(
    config.apiBaseUrl,
    { accountSid: config.accountSid, authToken: config.authToken },
    limits,
    blobs,
  );

const senderOf = (config: VoiceChannelConfig, optOuts: OptOutStore) =>
  new SmsSender(
    {
      accountSid: config.accountSid,
      authToken: config.authToken,
      apiBaseUrl: config.apiBaseUrl,
      publicBaseUrl: config.publicBaseUrl,
      timeoutMs: config.sendTimeoutMs,
    },
    optOuts,
  );

export function storeProviders(options: VoiceProviderOptions): Provider[] {
  const { config, blobs } = options;
  const sql = (build: (db: ChannelSqlClient, c: VoiceChannelConfig) => unknown) => ({
    inject: [VOICE_SQL_CLIENT, VOICE_CHANNEL_CONFIG],
    useFactory: build,
  });
  return [
    options.sqlClient,
    config
      ? { provide: VOICE_CHANNEL_CONFIG, useValue: config }
      : { provide: VOICE_CHANNEL_CONFIG, useFactory: () => loadVoiceChannelConfig(options.env ?? process.env) },
    {
      provide: VOICE_BLOB_STORE,
      inject: [VOICE_CHANNEL_CONFIG],
      useFactory: (c: VoiceChannelConfig) => blobs ?? new LocalBlobStore(c.blobDir, c.recordingLimits.maxBytes),
    },
    options.ticketStatus ?? { provide: TICKET_STATUS_LOOKUP, useValue: NO_STATUS_LOOKUP },
    { provide: OPT_OUT_STORE, ...sql((db) => new PgOptOutStore(db)) },
    { provide: CALL_STATE_STORE, ...sql((db, c) => new PgCallStateStore(db, c.callStateTtlMs)) },
    { provide: SMS_STATUS_LEDGER, ...sql((db) => new PgSmsStatusLedger(db)) },
    {
      provide: TwilioWebhookVerifier,
      inject: [VOICE_CHANNEL_CONFIG],
      useFactory: (c: VoiceChannelConfig) => new TwilioWebhookVerifier(c),
    },
    { provide: SmsSender, inject: [VOICE_CHANNEL_CONFIG, OPT_OUT_STORE], useFactory: senderOf },
    {
      provide: VOICE_MMS_FETCHER,
      inject: [VOICE_CHANNEL_CONFIG, VOICE_BLOB_STORE],
      useFactory: (c: VoiceChannelConfig, b: BlobStore) => fetcherOf(c, c.mediaLimits, b),
    },
    {
      provide: VOICE_RECORDING_FETCHER,
      inject: [VOICE_CHANNEL_CONFIG, VOICE_BLOB_STORE],
      useFactory: (c: VoiceChannelConfig, b: BlobStore) => fetcherOf(c, c.recordingLimits, b),
    },
  ];
}

export const STORE_EXPORTS = [
  VOICE_SQL_CLIENT,
  VOICE_CHANNEL_CONFIG,
  VOICE_BLOB_STORE,
  TICKET_STATUS_LOOKUP,
  OPT_OUT_STORE,
  CALL_STATE_STORE,
  SMS_STATUS_LEDGER,
  TwilioWebhookVerifier,
  SmsSender,
  VOICE_MMS_FETCHER,
  VOICE_RECORDING_FETCHER,
];

/** The use-cases that publish: built next to the SDK's ingress, exported to the routes. */
export function webhookProviders(): Provider[] {
  const ingress = channelTokens(VOICE_CHANNEL_NAME).ingress;
  return [
    {
      provide: SmsWebhooks,
      inject: [
        VOICE_CHANNEL_CONFIG,
        TwilioWebhookVerifier,
        ingress,
        OPT_OUT_STORE,
        VOICE_MMS_FETCHER,
        SMS_STATUS_LEDGER,
        TICKET_STATUS_LOOKUP,
        TRANSPORT,
      ],
      useFactory: (
        config: VoiceChannelConfig,
        verifier: TwilioWebhookVerifier,
        sink: InboundSink,
        optOuts: OptOutStore,
        media: TwilioMediaFetcher,
        ledger: SmsStatusLedger,
        statuses: TicketStatusLookup,
        transport: Transport,
      ) =>
        new SmsWebhooks({
          config,
          verifier,
          ingress: sink,
          optOuts,
          media,
          ledger,
          statuses,
          publishReports: (reports) => transport.publish(Topics.outboundStatus, reports.map(reportRecord)),
        }),
    },
    {
      provide: VoiceWebhooks,
      inject: [
        VOICE_CHANNEL_CONFIG,
        TwilioWebhookVerifier,
        ingress,
        CALL_STATE_STORE,
        TICKET_STATUS_LOOKUP,
        VOICE_RECORDING_FETCHER,
      ],
      useFactory: (
        config: VoiceChannelConfig,
        verifier: TwilioWebhookVerifier,
        sink: InboundSink,
        calls: CallStateStore,
        statuses: TicketStatusLookup,
        recordings: TwilioMediaFetcher,
      ) =>
        new VoiceWebhooks({
          publicBaseUrl: config.publicBaseUrl,
          verifier,
          ingress: sink,
          calls,
          statuses,
          recordings,
        }),
    },
  ];
}
