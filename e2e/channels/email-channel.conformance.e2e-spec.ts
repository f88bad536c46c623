import { BusRecorder, eventually, runChannelConformance, type SourceDelivery } from '@switchboard/channel-sdk/testing';
import {
  Channel,
  DeliveryReport_Status,
  OutboundMessageSchema,
  Topics,
  create,
  encodeOutboundMessage,
} from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { MAX_MESSAGE_BYTES, startEmailChannelHarness, type EmailChannelHarness } from './email-channel-harness';

let email: EmailChannelHarness;

const base64Lines = (text: string): string =>
  (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

/** A customer's mail as their server hands it over: UTF-8 in base64, the Message-ID carrying the id. */
function mail(input: { id: string; text: string; from?: string | null; subject?: string }): SourceDelivery {
  const from = input.from === undefined ? `Mei Lin <${email.customer}>` : input.from;
  const headers = [
    ...(from === null ? [] : [`From: ${from}`]),
    `To: Support <${email.mailbox}>`,
    `Subject: =?UTF-8?B?${Buffer.from(input.subject ?? '包裹 Parcel', 'utf8').toString('base64')}?=`,
    `Message-ID: <${input.id}@customer.test>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
  ];
  return { payload: `${headers.join('\r\n')}\r\n\r\n${base64Lines(input.text)}\r\n` };
}

/** A mailer daemon's delivery status notification (RFC 3464) about a mail we sent. */
function bounceOf(sentMessageId: string, recipient: string): SourceDelivery {
  const boundary = `dsn-${newId()}`;
  const lines = [
    'From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>',
    `To: ${email.mailbox}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <bounce-${newId()}@mx.customer.test>`,
    `Date: ${new Date().toUTCString()}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message could not be delivered.',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.customer.test',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    `Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: User unknown`,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    `From: Support <${email.mailbox}>`,
    `To: ${recipient}`,
    `Message-ID: ${sentMessageId}`,
    '',
    `--${boundary}--`,
    '',
  ];
  return { payload: lines.join('\r\n') };
}

/**
 * The email channel on the channel SDK: its intake is an InboundSource (IMAP), so the suite delivers
 * real mail over SMTP to GreenMail and reads what intake recorded; answers go over SMTP through a
 * proxy that can refuse like a provider does (421), and arrive in the customer's GreenMail inbox.
 */
runChannelConformance('email', {
  intake: 'source',
  libRoot: 'libs/channels/email/src',
  outboundTopic: Topics.outboundEmail,
  // A mail an admin retries from the rejected-mail list comes back with its Message-ID.
  dedupesAtEdge: false,
  failingProvider: true,
  providerFailure: 421,
  async start() {
    email = await startEmailChannelHarness();
    return {
      transport: email.transport,
      provider: email.provider,
      receive: (delivery) => email.receive(delivery),
      statements: () => email.sql.statements,
      close: () => email.close(),
    };
  },
  inbound: (_h, { text, id }) => mail({ id, text }),
  oversize: () => mail({ id: `big-${newId()}`, text: 'x'.repeat(MAX_MESSAGE_BYTES + 1_024) }),
  // A bounce names our Message-ID, which the SENT report carries as the provider's id.
  providerStatus: (_h, answer, sent) => bounceOf(sent.providerMessageId, answer.recipient?.email ?? ''),
  malformed: () => [mail({ id: `nosender-${newId()}`, text: 'Who am I?', from: null })],
  outbound: (_h, text) =>
    create(OutboundMessageSchema, {
      messageId: newId(),
      tenant: email.tenantSlug,
      ticketId: newId(),
      ticketNumber: 'SB-000042',
      channel: Channel.EMAIL,
      conversationKey: `email:<${newId()}@customer.test>`,
      recipient: { email: email.customer, name: 'Mei Lin' },
      subject: 'Re: 包裹 Parcel',
      bodyText: text,
    }),
});

/** Beyond the suite: the SMTP reply classes the adapter maps (RFC 5321 §4.2.1). */
describe('email channel on the SDK: a 5xx refusal is final', () => {
  let h: EmailChannelHarness;
  let bus: BusRecorder;

  beforeAll(async () => {
    h = await startEmailChannelHarness();
    bus = await BusRecorder.start(h.transport, Topics.outboundEmail);
  }, 60_000);
  afterAll(async () => {
    await bus?.stop();
    await h?.close();
  });

  it('sends once, dead-letters the answer and reports FAILED with our Message-ID', async () => {
    const answer = create(OutboundMessageSchema, {
      messageId: newId(),
      tenant: h.tenantSlug,
      ticketId: newId(),
      ticketNumber: 'SB-000043',
      channel: Channel.EMAIL,
      conversationKey: `email:<${newId()}@customer.test>`,
      recipient: { email: h.customer },
      subject: 'Re: Parcel',
      bodyText: 'Refused for good',
    });
    const attemptsBefore = h.provider.attempts();
    h.provider.failWith(554);
    try {
      await h.transport.publish(Topics.outboundEmail, [
        { key: answer.conversationKey, value: encodeOutboundMessage(answer) },
      ]);
      await eventually(() => bus.deadLetters.length > 0, 'the dead letter');
    } finally {
      h.provider.failWith(undefined);
    }
    expect(h.provider.attempts() - attemptsBefore).toBe(1);
    expect(bus.deadLetters[0]?.error).toMatch(/554/);
    await eventually(() => bus.reports.some((r) => r.messageId === answer.messageId), 'the FAILED report');
    const report = bus.reports.find((r) => r.messageId === answer.messageId);
    expect(report?.status).toBe(DeliveryReport_Status.FAILED);
    expect(report?.providerMessageId).toMatch(/^<.+@example\.test>$/);
  }, 30_000);
});
