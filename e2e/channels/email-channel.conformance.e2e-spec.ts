import { runChannelConformance, type SourceDelivery } from '@switchboard/channel-sdk/testing';
import { Channel, OutboundMessageSchema, Topics, create } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { MAX_MESSAGE_BYTES, startEmailChannelHarness, type EmailChannelHarness } from './email-channel-harness';

let email: EmailChannelHarness;

const base64Lines = (text: string): string =>
  (Buffer.from(text, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

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
