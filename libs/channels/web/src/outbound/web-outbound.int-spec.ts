import {
  Channel,
  DeliveryReport_Status,
  OutboundMessageSchema,
  Topics,
  create,
  decodeDeliveryReport,
  decodeOutboundMessage,
  encodeOutboundMessage,
  type DeliveryReport,
  type OutboundMessage,
} from '@switchboard/contracts';
import { WebChannelHarness } from '../testing/web-channel.harness';

const SECRET = 'web-outbound-secret-0123456789abcdef0123';

describe('outbound.web.v1', () => {
  let h: WebChannelHarness;
  const mails: OutboundMessage[] = [];
  const reports: DeliveryReport[] = [];

  beforeAll(async () => {
    h = await WebChannelHarness.start({ env: { JWT_SECRET: SECRET, PUBLIC_WEB_URL: 'https://help.example.com' } });
    await h.transport.subscribe({
      topic: Topics.outboundEmail,
      groupId: 'spec-mail',
      handler: async (records) => void mails.push(...records.map((r) => decodeOutboundMessage(r.value))),
    });
    await h.transport.subscribe({
      topic: Topics.outboundStatus,
      groupId: 'spec-status',
      handler: async (records) => void reports.push(...records.map((r) => decodeDeliveryReport(r.value))),
    });
  });
  afterAll(async () => h.stop());

  it('mails the customer a notice with a signed portal link once, and reports the answer delivered', async () => {
    const reply = create(OutboundMessageSchema, {
      messageId: '0193a000-0000-7000-8000-000000000001',
      tenant: 'acme',
      ticketId: '0193a000-0000-7000-8000-0000000000aa',
      ticketNumber: 'SB-000042',
      channel: Channel.WEB,
      conversationKey: 'web:abc',
      recipient: { email: 'mei@example.com', name: 'Mei' },
      subject: 'Re: Broken kettle',
      bodyText: 'We will replace it.',
    });
    const record = { key: 'web:abc', value: encodeOutboundMessage(reply) };
    await h.transport.publish(Topics.outboundWeb, [record]);
    await h.transport.publish(Topics.outboundWeb, [record]);
    await waitFor(() => reports.length >= 2 && mails.length >= 2);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(1);
    expect(mails[0]?.recipient?.email).toBe('mei@example.com');
    expect(mails[0]?.bodyText).toContain('We will replace it.');
    expect(mails[0]?.bodyText).toMatch(/https:\/\/help\.example\.com\/t\/acme\/portal\/open\?token=[\w-]+\.[\w-]+/);
    expect(reports[0]).toMatchObject({
      messageId: reply.messageId,
      status: DeliveryReport_Status.DELIVERED,
      channel: Channel.WEB,
    });
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error('timed out');
}
