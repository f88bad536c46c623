import { InMemoryBlobStore } from '../media/blob-store';
import { TwilioMediaFetcher } from '../media/twilio-media-fetcher';
import { InMemoryOptOutStore } from '../opt-out/opt-out.store';
import { SmsSender } from '../outbound/sms-sender';
import { verifyTwilioRequest } from '../signature/twilio-signature';
import {
  FakeTwilioApi,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  inboundSmsParams,
  signedFormWebhook,
  twilioSid,
} from '../testing';
import { WebhookPaths } from '../webhook-paths';
import { parseInboundSms } from './inbound-sms';
import { receiveSms, type ReceiveSmsContext } from './receive-sms';

const publicBaseUrl = 'https://support.example.com';
let api: FakeTwilioApi;
let optOuts: InMemoryOptOutStore;
let media: TwilioMediaFetcher;
let blobs: InMemoryBlobStore;

const ctx = (n = 1): ReceiveSmsContext => ({
  tenant: 'acme',
  messageId: `m-${n}`,
  receivedAt: new Date('2026-06-01T09:00:00Z'),
  helpText: 'Acme support: reply with your ticket number for its status. Reply STOP to opt out.',
  csatPending: false,
});

/** An inbound SMS through the edge: signed by "Twilio", verified, parsed. */
function inbound(params: Record<string, string>) {
  const request = signedFormWebhook(TEST_AUTH_TOKEN, publicBaseUrl, WebhookPaths.inboundSms, inboundSmsParams(params));
  return parseInboundSms(verifyTwilioRequest(request, publicBaseUrl, { authToken: TEST_AUTH_TOKEN }), TEST_ACCOUNT_SID);
}

beforeEach(async () => {
  api = await FakeTwilioApi.start(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
  optOuts = new InMemoryOptOutStore();
  blobs = new InMemoryBlobStore();
  media = new TwilioMediaFetcher(
    api.baseUrl,
    { accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN },
    { maxBytes: 1 << 20, allowedTypes: ['image/*'] },
    blobs,
  );
});

afterEach(async () => {
  await api.stop();
});

describe('receiveSms', () => {
  it('turns an MMS into a message with its picture in the blob store', async () => {
    const url = api.addMedia(api.mediaPath(twilioSid('SM', 1), twilioSid('ME', 1)), Buffer.from('jpeg'), 'image/jpeg', {
      redirect: true,
    });
    const received = await receiveSms(
      inbound({ NumMedia: '1', MediaUrl0: url, MediaContentType0: 'image/jpeg' }),
      ctx(),
      { optOuts, media },
    );
    expect(received.kind).toBe('message');
    if (received.kind !== 'message') return;
    expect(received.message.attachments).toEqual([
      expect.objectContaining({ name: 'media-0.jpg', contentType: 'image/jpeg' }),
    ]);
    expect(blobs.blobs.size).toBe(1);
  });

  it('STOP creates no message and blocks every later send to the number; START lifts it', async () => {
    const sender = new SmsSender(
      { accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, apiBaseUrl: api.baseUrl, publicBaseUrl },
      optOuts,
    );
    const reply = {
      messageId: 'r-1',
      tenant: 'acme',
      ticketId: 't-1',
      to: '+14155552671',
      from: { number: '+14155550100' },
      body: 'Hi',
    };
    expect(await receiveSms(inbound({ Body: 'Stop' }), ctx(), { optOuts, media })).toEqual({ kind: 'opted_out' });
    const blocked = await sender.send(reply);
    expect(blocked.kind === 'undeliverable' ? blocked.detail : blocked.kind).toContain('"Stop"');
    expect(await sender.send({ ...reply, messageId: 'r-2' })).toMatchObject({ kind: 'undeliverable' });
    expect(api.sentMessages()).toHaveLength(0);
    expect(
      await receiveSms(inbound({ Body: 'START', MessageSid: twilioSid('SM', 2) }), ctx(2), { optOuts, media }),
    ).toEqual({ kind: 'opted_in' });
    expect(await sender.send({ ...reply, messageId: 'r-3' })).toMatchObject({ kind: 'sent' });
  });

  it('answers HELP with the tenant help text and creates no message', async () => {
    const received = await receiveSms(inbound({ Body: 'help' }), ctx(), { optOuts, media });
    expect(received).toEqual({
      kind: 'help',
      replyTwiml:
        '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Acme support: reply with your ticket number for its status. Reply STOP to opt out.</Message></Response>',
    });
  });

  it('hands status queries and ratings to self-service', async () => {
    expect(await receiveSms(inbound({ Body: 'SB-000123' }), ctx(), { optOuts, media })).toEqual({
      kind: 'status_query',
      ticketNumber: 'SB-000123',
    });
    expect(await receiveSms(inbound({ Body: '5' }), { ...ctx(), csatPending: true }, { optOuts, media })).toEqual({
      kind: 'csat_rating',
      rating: 5,
    });
  });
});
