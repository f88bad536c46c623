import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, loadConfig } from '@switchboard/config';
import {
  Channel,
  DeliveryReport_Status,
  InboundMessageSchema,
  OutboundMessageSchema,
  Topics,
  create,
  timestampFromDate,
} from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { InProcessTransport, MessagingModule } from '@switchboard/messaging';
import { bootAppModule } from '@switchboard/testing';
import { z } from 'zod';
import type { ChannelAdapter, DeliveryOutcome, InboundRequest, ProviderStatus } from '../adapter/channel-adapter';
import { ChannelSdkException, ChannelSdkExceptionCode, PermanentDeliveryError } from '../adapter/channel-sdk.exception';
import { ChannelSdkModule } from '../nest/channel-sdk.module';
import { SignatureHeaders, signedHeaders, verifySignature } from '@switchboard/http';
import type { ConformanceRequest } from './conformance-fixtures';
import { LocalProvider } from './local-provider';
import { runChannelConformance } from './run-channel-conformance';

const SECRET = 'reference-adapter-secret';
const messageSchema = z.object({ id: z.string().min(1), chat: z.string().min(1), text: z.string().min(1) });
const statusSchema = z.object({
  tenant: z.string(),
  messageId: z.string(),
  ticketId: z.string(),
  delivered: z.boolean(),
});

/** The smallest complete adapter, with a status callback: the SDK's own check against its suite. */
class ReferenceAdapter implements ChannelAdapter<string> {
  readonly name = 'reference';
  readonly channel = Channel.API;
  readonly outboundTopic = Topics.outboundApi;
  readonly capabilities = {
    attachments: false,
    maxTextLength: 1_000,
    deliveryReceipts: true,
    passiveReplies: false,
    signedInbound: true,
  };

  constructor(private readonly providerUrl: string) {}

  async verify(request: InboundRequest): Promise<string> {
    const check = verifySignature({
      secrets: [SECRET],
      timestamp: request.headers[SignatureHeaders.timestamp],
      signature: request.headers[SignatureHeaders.signature],
      body: request.rawBody,
      now: request.receivedAt,
    });
    if (check.ok) return 'acme';
    const code =
      check.reason === 'stale' ? ChannelSdkExceptionCode.SignatureStale : ChannelSdkExceptionCode.SignatureInvalid;
    throw new ChannelSdkException(code, 'bad signature');
  }

  normalize(request: InboundRequest, tenant: string) {
    const parsed = messageSchema.safeParse(request.body);
    if (!parsed.success) throw new ChannelSdkException(ChannelSdkExceptionCode.MalformedBody, 'not a message');
    return [
      create(InboundMessageSchema, {
        messageId: newId(),
        tenant,
        channel: Channel.API,
        channelMessageId: `reference:${parsed.data.id}`,
        conversationKey: `reference:${parsed.data.chat}`,
        customer: { externalId: parsed.data.chat, verified: ['external'] },
        bodyText: parsed.data.text,
        receivedAt: timestampFromDate(request.receivedAt),
      }),
    ];
  }

  handles(message: { conversationKey: string }): boolean {
    return message.conversationKey.startsWith('reference:');
  }

  async deliver(message: { messageId: string; bodyText: string }): Promise<DeliveryOutcome> {
    const response = await fetch(this.providerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messageId: message.messageId, text: message.bodyText }),
    });
    if (response.ok) return { status: DeliveryReport_Status.SENT, providerMessageId: `p-${message.messageId}` };
    if (response.status < 500) throw new PermanentDeliveryError(`provider answered ${response.status}`);
    throw new Error(`provider answered ${response.status}`);
  }

  statuses(request: InboundRequest): ProviderStatus[] {
    const parsed = statusSchema.safeParse(request.body);
    if (!parsed.success) throw new ChannelSdkException(ChannelSdkExceptionCode.MalformedBody, 'not a status');
    const s = parsed.data;
    const status = s.delivered ? DeliveryReport_Status.DELIVERED : DeliveryReport_Status.FAILED;
    return [
      { tenant: s.tenant, messageId: s.messageId, ticketId: s.ticketId, status, providerMessageId: `p-${s.messageId}` },
    ];
  }
}

@Module({})
class ReferenceModule {
  static forRoot(transport: InProcessTransport, providerUrl: string): DynamicModule {
    return {
      module: ReferenceModule,
      imports: [
        ConfigModule.forRoot(loadConfig({})),
        MessagingModule.forRoot('reference-adapter', { transport }),
        ChannelSdkModule.forAdapter({
          name: 'reference',
          outboundTopic: Topics.outboundApi,
          adapter: { useFactory: () => new ReferenceAdapter(providerUrl) },
          webhook: {
            path: 'api/v1/channels/reference/webhook',
            statusPath: 'api/v1/channels/reference/status',
            maxBodyBytes: 4_096,
            mediaTypes: ['application/json'],
          },
          outbound: { retry: { maxAttempts: 3, initialBackoffMs: 1, maxBackoffMs: 5 } },
        }),
      ],
    };
  }
}

const signed = (url: string, payload: string, now = new Date()): ConformanceRequest => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, payload, now) },
  payload,
});
const webhook = (payload: string, now?: Date) => signed('/api/v1/channels/reference/webhook', payload, now);
const sample = (id: string, text: string) => JSON.stringify({ id, chat: `chat-${id}`, text });

runChannelConformance('reference adapter', {
  libRoot: 'libs/channel-sdk/src',
  outboundTopic: Topics.outboundApi,
  failingProvider: true,
  dedupesAtEdge: true,
  async start() {
    const transport = new InProcessTransport();
    const provider = await LocalProvider.start();
    const app = await bootAppModule(ReferenceModule.forRoot(transport, provider.url));
    return {
      transport,
      provider,
      inject: async (request) => {
        const res = await app.app.inject(request);
        return { statusCode: res.statusCode, body: res.body };
      },
      statements: () => [],
      close: async () => {
        await app.close();
        await transport.close();
        await provider.close();
      },
    };
  },
  inbound: (_h, { text, id }) => webhook(sample(id, text)),
  forged: (_h, valid) => ({
    ...valid,
    headers: { ...valid.headers, [SignatureHeaders.signature]: `v1=${'1'.repeat(64)}` },
  }),
  stale: (_h, { text, id }) => webhook(sample(id, text), new Date(Date.now() - 301_000)),
  oversize: () => webhook(sample(newId(), 'x'.repeat(5_000))),
  malformed: () => [
    webhook('{"id":'),
    webhook(JSON.stringify({ id: 'x' })),
    { ...webhook('x'), headers: { 'content-type': 'text/plain' } },
  ],
  outbound: (_h, text) =>
    create(OutboundMessageSchema, {
      messageId: newId(),
      tenant: 'acme',
      ticketId: newId(),
      channel: Channel.API,
      conversationKey: 'reference:chat-1',
      bodyText: text,
    }),
  providerStatus: (_h, answer) =>
    signed(
      '/api/v1/channels/reference/status',
      JSON.stringify({
        tenant: answer.tenant,
        messageId: answer.messageId,
        ticketId: answer.ticketId,
        delivered: true,
      }),
    ),
});
