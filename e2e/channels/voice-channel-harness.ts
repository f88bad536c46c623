import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, loadConfig } from '@switchboard/config';
import {
  ChannelVoiceModule,
  InMemoryBlobStore,
  VOICE_SQL_CLIENT,
  loadVoiceChannelConfig,
  publicUrlOf,
} from '@switchboard/channel-voice';
import {
  FakeTwilioApi,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  TEST_PUBLIC_BASE_URL,
  signedFormWebhook,
  voiceTestEnv,
} from '@switchboard/channel-voice/testing';
import type { ConformanceRequest } from '@switchboard/channel-sdk/testing';
import { InProcessTransport, MessagingModule } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { bootAppModule, createTestDatabase, type BootedApp, type TestDatabase } from '@switchboard/testing';
import { RecordingSqlClient } from './api-channel-harness';

@Module({})
class VoiceChannelTestModule {
  static forRoot(
    transport: InProcessTransport,
    sql: RecordingSqlClient,
    env: Record<string, string>,
    blobs: InMemoryBlobStore,
  ): DynamicModule {
    return {
      module: VoiceChannelTestModule,
      imports: [
        ConfigModule.forRoot(loadConfig({})),
        MessagingModule.forRoot('voice-channel-test', { transport }),
        ChannelVoiceModule.forRoot({
          sqlClient: { provide: VOICE_SQL_CLIENT, useValue: sql },
          config: loadVoiceChannelConfig(env),
          blobs,
        }),
      ],
    };
  }
}

export interface VoiceChannelHarness {
  readonly app: BootedApp;
  readonly transport: InProcessTransport;
  readonly sql: RecordingSqlClient;
  readonly db: Database;
  readonly twilio: FakeTwilioApi;
  readonly blobs: InMemoryBlobStore;
  close(): Promise<void>;
}

/** A webhook request signed as Twilio signs it, for the URL under the configured public base. */
export function twilioWebhook(
  pathAndQuery: string,
  params: Record<string, string>,
  authToken = TEST_AUTH_TOKEN,
): ConformanceRequest {
  const signed = signedFormWebhook(authToken, TEST_PUBLIC_BASE_URL, pathAndQuery, params);
  return {
    method: 'POST',
    url: pathAndQuery,
    // The Host is the proxy's upstream, as behind a real load balancer: the signature must not depend on it.
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signed.signature ?? '',
      host: '10.0.0.7:3000',
    },
    payload: signed.rawBody,
  };
}

/** A callback to an absolute URL we wrote into TwiML (its query is signed with it). */
export const twilioCallback = (url: string, params: Record<string, string>): ConformanceRequest =>
  twilioWebhook(url.slice(publicUrlOf(TEST_PUBLIC_BASE_URL, '/').length - 1), params);

/** The SMS/voice channel alone (no ticket service) on a migrated test database, against a fake Twilio API. */
export async function startVoiceChannelHarness(env: Record<string, string> = {}): Promise<VoiceChannelHarness> {
  const testDb: TestDatabase = await createTestDatabase('voice_channel');
  const db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
  const transport = new InProcessTransport();
  const sql = new RecordingSqlClient(db);
  const twilio = await FakeTwilioApi.start(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
  const blobs = new InMemoryBlobStore();
  const app = await bootAppModule(
    VoiceChannelTestModule.forRoot(transport, sql, voiceTestEnv(twilio, 'acme', env), blobs),
  );
  return {
    app,
    transport,
    sql,
    db,
    twilio,
    blobs,
    close: async () => {
      await app.close();
      await transport.close();
      await twilio.stop();
      await db.close();
      await testDb.drop();
    },
  };
}
