import { apiMessage, signedApiRequest } from '@switchboard/channel-api/testing';
import { runChannelConformance, type ConformanceHarness } from '@switchboard/channel-sdk/testing';
import { Channel, OutboundMessageSchema, Topics, create } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { startApiChannelHarness, type ApiChannelHarness } from './api-channel-harness';

let api: ApiChannelHarness;
const SIX_MINUTES_MS = 6 * 60_000;

runChannelConformance('api', {
  libRoot: 'libs/channels/api/src',
  outboundTopic: Topics.outboundApi,
  failingProvider: true,
  dedupesAtEdge: true,
  async start(): Promise<ConformanceHarness> {
    api = await startApiChannelHarness();
    return {
      transport: api.transport,
      inject: async (request) => {
        const res = await api.app.app.inject(request);
        return { statusCode: res.statusCode, body: res.body };
      },
      provider: {
        received: () => api.integrator.received.map((r) => ({ messageId: r.payload.messageId, text: r.payload.text })),
        attempts: () => api.integrator.attempts(),
        failWith: (status) => api.integrator.failWith(status),
      },
      statements: () => api.sql.statements,
      close: () => api.close(),
    };
  },
  inbound: (_h, { text, id }) => signedApiRequest(api.channel.id, api.channel.secret, apiMessage(id, text)),
  forged: (_h, valid) => ({
    ...valid,
    headers: { ...valid.headers, 'x-switchboard-signature': `v1=${'0'.repeat(64)}` },
  }),
  stale: (_h, { text, id }) =>
    signedApiRequest(api.channel.id, api.channel.secret, apiMessage(id, text), new Date(Date.now() - SIX_MINUTES_MS)),
  oversize: () => signedApiRequest(api.channel.id, api.channel.secret, apiMessage(newId(), 'x'.repeat(20_000))),
  malformed: () => [
    signedApiRequest(api.channel.id, api.channel.secret, '{"messageId": '),
    signedApiRequest(api.channel.id, api.channel.secret, JSON.stringify({ messageId: 'm', text: 'no customer' })),
    { ...signedApiRequest(api.channel.id, api.channel.secret, 'text=hi'), headers: { 'content-type': 'text/plain' } },
  ],
  outbound: (_h, text) =>
    create(OutboundMessageSchema, {
      messageId: newId(),
      tenant: api.tenantSlug,
      ticketId: newId(),
      ticketNumber: 'SB-000001',
      channel: Channel.API,
      conversationKey: `api:${api.channel.id}:conv-1`,
      recipient: { externalId: 'cust-conv-1', name: 'Li Lei' },
      subject: 'Re: Order 42',
      bodyText: text,
    }),
});
