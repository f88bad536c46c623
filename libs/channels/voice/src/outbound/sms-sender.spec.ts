import { InMemoryOptOutStore } from '../opt-out/opt-out.store';
import { FakeTwilioApi, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, TWILIO_ERRORS, twilioSid } from '../testing';
import { VoiceChannelException, VoiceChannelExceptionCode } from '../voice-channel.exception';
import { SmsSender, type OutboundSms } from './sms-sender';

const publicBaseUrl = 'https://support.example.com';
let api: FakeTwilioApi;
let optOuts: InMemoryOptOutStore;
let sender: SmsSender;

const reply = (overrides: Partial<OutboundSms> = {}): OutboundSms => ({
  messageId: 'msg-1',
  tenant: 'acme',
  ticketId: 'ticket-1',
  to: '+14155552671',
  from: { number: '+14155550100' },
  body: '您好，您的工单 SB-000123 已处理。',
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<VoiceChannelException> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof VoiceChannelException) return error;
  throw new Error(`expected a VoiceChannelException, got ${String(error)}`);
}

beforeEach(async () => {
  api = await FakeTwilioApi.start(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
  optOuts = new InMemoryOptOutStore();
  sender = new SmsSender(
    { accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, apiBaseUrl: api.baseUrl, publicBaseUrl },
    optOuts,
  );
});

afterEach(async () => {
  await api.stop();
});

describe('SmsSender', () => {
  it('sends through the SDK to the API base with a signed-URL status callback naming the reply', async () => {
    const outcome = await sender.send(reply());
    expect(outcome).toEqual({
      kind: 'sent',
      providerMessageId: twilioSid('SM', 0x5e01),
      providerStatus: 'queued',
      segments: 1,
    });
    const [request] = api.sentMessages();
    expect(request?.path).toBe(`/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Messages.json`);
    expect(request?.form).toMatchObject({ To: '+14155552671', From: '+14155550100', Body: reply().body });
    expect(request?.form['StatusCallback']).toBe(
      `${publicBaseUrl}/webhooks/twilio/sms/status?tenant=acme&message=msg-1&ticket=ticket-1`,
    );
  });

  it('sends from a Messaging Service when the tenant has one', async () => {
    const outcome = await sender.send(reply({ from: { messagingServiceSid: twilioSid('MG', 7) } }));
    expect(outcome).toMatchObject({ kind: 'sent', providerStatus: 'accepted' });
    expect(api.sentMessages()[0]?.form).toMatchObject({ MessagingServiceSid: twilioSid('MG', 7) });
  });

  it('sends nothing to an opted-out number and says why', async () => {
    await optOuts.record({ tenant: 'acme', phone: '+14155552671', source: 'keyword', detail: 'STOP', at: new Date(0) });
    expect(await sender.send(reply())).toEqual({
      kind: 'undeliverable',
      reason: 'recipient_opted_out',
      detail: 'recipient opted out by texting "STOP" on 1970-01-01T00:00:00.000Z',
    });
    expect(api.sentMessages()).toHaveLength(0);
  });

  it('records the opt-out a 21610 reveals, and sends nothing later', async () => {
    api.rejectRecipient('+14155552671', TWILIO_ERRORS.unsubscribed);
    expect(await sender.send(reply())).toMatchObject({ kind: 'undeliverable', reason: 'recipient_opted_out' });
    expect(await optOuts.find('acme', '+14155552671')).toMatchObject({ source: 'provider', detail: '21610' });
    await sender.send(reply({ messageId: 'msg-2' }));
    expect(api.sentMessages()).toHaveLength(1);
  });

  it('tells permanent refusals from failures worth retrying', async () => {
    api.rejectRecipient('+14155552671', TWILIO_ERRORS.invalidTo);
    const rejected = await rejection(sender.send(reply()));
    expect([rejected.code, rejected.kind, rejected.providerCode]).toEqual([
      VoiceChannelExceptionCode.SendRejected,
      'unprocessable',
      21211,
    ]);
    for (const error of [TWILIO_ERRORS.tooManyRequests, TWILIO_ERRORS.internal]) {
      api.failNext(error);
      const failed = await rejection(sender.send(reply({ to: '+8613800138000' })));
      expect([failed.code, failed.kind, failed.providerCode]).toEqual([
        VoiceChannelExceptionCode.ProviderUnavailable,
        'unavailable',
        error.code,
      ]);
    }
  });

  it('treats an unreachable API as a failure worth retrying', async () => {
    await api.stop();
    const failed = await rejection(sender.send(reply()));
    expect(failed.code).toBe(VoiceChannelExceptionCode.ProviderUnavailable);
    api = await FakeTwilioApi.start(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
  });
});
