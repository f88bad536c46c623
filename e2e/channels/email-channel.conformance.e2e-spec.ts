import { runChannelConformance, type SourceDelivery } from '@switchboard/channel-sdk/testing';
import { Channel, OutboundMessageSchema, Topics, create } from '@switchboard/contracts';
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
