import { createHash } from 'node:crypto';
import { runChannelConformance, type ConformanceHarness } from '@switchboard/channel-sdk/testing';
import { WebhookPaths } from '@switchboard/channel-voice';
import {
  TEST_ACCOUNT_SID,
  TEST_NUMBER,
  inboundSmsParams,
  twilioProviderProbe,
  twilioSid,
} from '@switchboard/channel-voice/testing';
import { Channel, OutboundMessageSchema, Topics, create } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { startVoiceChannelHarness, twilioWebhook, type VoiceChannelHarness } from './voice-channel-harness';

let voice: VoiceChannelHarness;
const CUSTOMER = '+14155552671';

/** Twilio's MessageSid for the suite's id: `SM` and 32 hex digits, derived so the suite can find it. */
const sidOf = (id: string): string => `SM${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;
const sms = (id: string, text: string) =>
  twilioWebhook(
    WebhookPaths.inboundSms,
    inboundSmsParams({ MessageSid: sidOf(id), SmsSid: sidOf(id), SmsMessageSid: sidOf(id), Body: text }),
  );

runChannelConformance('voice (Twilio SMS)', {
  libRoot: 'libs/channels/voice/src',
  outboundTopic: Topics.outboundSms,
  failingProvider: true,
  dedupesAtEdge: true,
  channelMessageIdOf: sidOf,
  async start(): Promise<ConformanceHarness> {
    voice = await startVoiceChannelHarness();
    return {
      transport: voice.transport,
      inject: async (request) => {
        const res = await voice.app.app.inject(request);
        return { statusCode: res.statusCode, body: res.body };
      },
      provider: twilioProviderProbe(voice.twilio),
      statements: () => voice.sql.statements,
      close: () => voice.close(),
    };
  },
  inbound: (_h, { text, id }) => sms(id, text),
  forged: (_h, valid) => ({ ...valid, headers: { ...valid.headers, 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' } }),
  // Twilio's requests carry no timestamp: the MessageSid dedupe is what stops a replay.
  oversize: () => sms(newId(), 'x'.repeat(70_000)),
  malformed: () => [
    twilioWebhook(WebhookPaths.inboundSms, { AccountSid: TEST_ACCOUNT_SID, From: CUSTOMER, To: TEST_NUMBER }),
    twilioWebhook(WebhookPaths.inboundSms, inboundSmsParams({ MessageSid: 'not-a-sid' })),
    { ...sms(newId(), 'hi'), headers: { 'content-type': 'text/plain' } },
  ],
  outbound: (_h, text) =>
    create(OutboundMessageSchema, {
      messageId: newId(),
      tenant: 'acme',
      ticketId: newId(),
      ticketNumber: 'SB-000001',
      channel: Channel.SMS,
      conversationKey: `sms:${CUSTOMER}:${TEST_NUMBER}`,
      recipient: { phone: CUSTOMER },
      bodyText: text,
    }),
  providerStatus: (_h, answer) => {
    const query = new URLSearchParams({ tenant: answer.tenant, message: answer.messageId, ticket: answer.ticketId });
    return twilioWebhook(`${WebhookPaths.smsStatus}?${query.toString()}`, {
      AccountSid: TEST_ACCOUNT_SID,
      MessageSid: twilioSid('SM', 0x5e01),
      MessageStatus: 'delivered',
      To: CUSTOMER,
      From: TEST_NUMBER,
      ApiVersion: '2010-04-01',
    });
  },
});
