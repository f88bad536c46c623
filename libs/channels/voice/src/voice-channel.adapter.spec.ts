import { PermanentDeliveryError } from '@switchboard/channel-sdk';
import { Channel, DeliveryReport_Status, OutboundMessageSchema, create } from '@switchboard/contracts';
import { loadVoiceChannelConfig } from './config/voice-channel.config';
import { InMemoryBlobStore } from './media/blob-store';
import { TwilioMediaFetcher } from './media/twilio-media-fetcher';
import { InMemoryOptOutStore } from './opt-out/opt-out.store';
import { SmsSender } from './outbound/sms-sender';
import type { SmsStatusLedger } from './store/sms-status-ledger';
import { FakeTwilioApi, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, TEST_NUMBER, TWILIO_ERRORS, voiceTestEnv } from './testing';
import { TwilioUnavailableError, VoiceChannelAdapter } from './voice-channel.adapter';
import { SmsWebhooks } from './webhooks/sms-webhooks';
import { TwilioWebhookVerifier } from './webhooks/twilio-webhook-verifier';

const CUSTOMER = '+14155552671';
let api: FakeTwilioApi;
let adapter: VoiceChannelAdapter;
const advanced: string[] = [];

const answer = (conversationKey: string, tenant = 'acme') =>
  create(OutboundMessageSchema, {
    messageId: `m-${advanced.length}-${conversationKey}`,
    tenant,
    ticketId: 't-1',
    channel: Channel.SMS,
    conversationKey,
    bodyText: 'Your parcel ships today.',
  });

beforeEach(async () => {
  api = await FakeTwilioApi.start(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
  const config = loadVoiceChannelConfig(voiceTestEnv(api));
  const optOuts = new InMemoryOptOutStore();
  const ledger: SmsStatusLedger = {
    advance: (_tenant, messageId) => Promise.resolve(advanced.push(messageId) > 0),
  };
  const verifier = new TwilioWebhookVerifier(config);
  const media = new TwilioMediaFetcher(api.baseUrl, config, config.mediaLimits, new InMemoryBlobStore());
  const sms = new SmsWebhooks({
    config,
    verifier,
    ingress: { accept: () => Promise.resolve([]) },
    optOuts,
    media,
    ledger,
    statuses: { spokenStatus: () => Promise.resolve('') },
    publishReports: () => Promise.resolve(),
  });
  const sender = new SmsSender({ ...config, timeoutMs: 2_000 }, optOuts);
  adapter = new VoiceChannelAdapter(config, verifier, sms, sender, ledger);
});

afterEach(async () => {
  await api.stop();
});

describe('VoiceChannelAdapter.deliver', () => {
  it('answers SMS and voice conversations by SMS from the number the customer used', async () => {
    for (const key of [`sms:${CUSTOMER}:${TEST_NUMBER}`, `voice:${CUSTOMER}:${TEST_NUMBER}`]) {
      const message = answer(key);
      await expect(adapter.deliver(message)).resolves.toMatchObject({ status: DeliveryReport_Status.SENT });
      expect(api.sentMessages().at(-1)?.form).toMatchObject({ To: CUSTOMER, From: TEST_NUMBER });
      expect(advanced).toContain(message.messageId);
    }
  });

  it('takes only the conversations it minted', () => {
    expect(adapter.handles(answer(`sms:${CUSTOMER}:${TEST_NUMBER}`))).toBe(true);
    expect(adapter.handles(answer('api:channel-1:conv'))).toBe(false);
    expect(adapter.handles(answer('web:abc'))).toBe(false);
  });

  it("refuses for good a number that is not configured, or another tenant's", async () => {
    await expect(adapter.deliver(answer(`sms:${CUSTOMER}:+14155550199`))).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
    await expect(adapter.deliver(answer(`sms:${CUSTOMER}:${TEST_NUMBER}`, 'globex'))).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
    expect(api.sentMessages()).toHaveLength(0);
  });

  it('retries what Twilio could not take now, and gives up at once on what it refuses', async () => {
    api.failNext(TWILIO_ERRORS.tooManyRequests);
    await expect(adapter.deliver(answer(`sms:${CUSTOMER}:${TEST_NUMBER}`))).rejects.toBeInstanceOf(
      TwilioUnavailableError,
    );
    api.rejectRecipient(CUSTOMER, TWILIO_ERRORS.invalidTo);
    const refused = adapter.deliver(answer(`sms:${CUSTOMER}:${TEST_NUMBER}`));
    await expect(refused).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(refused).rejects.toThrow(/send_rejected: .*21211/);
  });
});
