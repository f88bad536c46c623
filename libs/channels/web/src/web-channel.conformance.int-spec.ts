import { runChannelConformance, type ConformanceRequest } from '@switchboard/channel-sdk/testing';
import { Channel, OutboundMessageSchema, Topics, create } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { WebChannelHarness, submissions, validForm } from './testing/web-channel.harness';

const json = (payload: object | string, contentType = 'application/json'): ConformanceRequest => ({
  method: 'POST',
  url: submissions('acme'),
  headers: { 'content-type': contentType, 'user-agent': 'conformance' },
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
});

/** The web form on the channel SDK: unsigned (a public form), so the signature cases do not apply. */
runChannelConformance('web', {
  libRoot: 'libs/channels/web/src',
  outboundTopic: Topics.outboundWeb,
  failingProvider: false,
  dedupesAtEdge: false,
  async start() {
    const web = await WebChannelHarness.start({ env: { WEB_MAX_BODY_BYTES: '16384' } });
    return {
      transport: web.transport,
      inject: async (request) => {
        const res = await web.app.inject(request);
        return { statusCode: res.statusCode, body: res.body };
      },
      statements: () => [],
      close: () => web.stop(),
    };
  },
  inbound: (_h, { text, id }) => json({ ...validForm, message: text, clientMessageId: id }),
  oversize: () => json({ ...validForm, message: 'x'.repeat(20_000) }),
  malformed: () => [json('{"name": '), json({ name: 'no email or message' }), json('message=hi', 'text/plain')],
  outbound: (_h, text) =>
    create(OutboundMessageSchema, {
      messageId: newId(),
      tenant: 'acme',
      ticketId: newId(),
      ticketNumber: 'SB-000007',
      channel: Channel.WEB,
      conversationKey: `web:${newId()}`,
      recipient: { email: 'mei@example.com', name: 'Mei' },
      subject: 'Re: Broken kettle',
      bodyText: text,
    }),
});
