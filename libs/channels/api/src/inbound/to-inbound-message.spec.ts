import { Channel } from '@switchboard/contracts';
import { apiInboundSchema } from './api-inbound.schema';
import { channelIdOfConversation, toInboundMessage } from './to-inbound-message';

const channel = {
  id: '0193a000-0000-7000-8000-0000000000cc',
  tenantId: '0193a000-0000-7000-8000-0000000000dd',
  tenantSlug: 'acme',
  name: 'shop',
  outboundUrl: 'https://shop.example.com/hook',
  enabled: true,
  createdAt: new Date(0),
};

describe('an API channel message as an InboundMessage', () => {
  it('scopes the idempotency key to the channel and marks the customer id verified', () => {
    const input = apiInboundSchema.parse({
      messageId: 'ext-1',
      conversationId: 'order-42',
      customer: { id: 'c-9', name: '王芳', phone: '+8613800138000' },
      text: '订单没到 📦',
      attachments: [{ url: 'https://cdn.example.com/a.png', name: 'a.png', contentType: 'image/png', sizeBytes: 10 }],
      hints: { category: 'delivery', language: 'zh-CN' },
    });
    const message = toInboundMessage(channel, input, 'm-1', new Date('2026-01-01T00:00:00Z'));
    expect(message).toMatchObject({
      tenant: 'acme',
      channel: Channel.API,
      channelMessageId: `${channel.id}:ext-1`,
      conversationKey: `api:${channel.id}:order-42`,
      customer: { externalId: 'c-9', name: '王芳', phone: '+8613800138000', verified: ['external'] },
      bodyText: '订单没到 📦',
      hints: { category: 'delivery', language: 'zh-CN' },
      metadata: { api_channel_id: channel.id, api_channel: 'shop' },
    });
    expect(message.attachments[0]).toMatchObject({ storageRef: 'https://cdn.example.com/a.png', sizeBytes: 10n });
    expect(channelIdOfConversation(message.conversationKey)).toBe(channel.id);
  });

  it('refuses bodies that are not a message, field by field', () => {
    const result = apiInboundSchema.safeParse({ messageId: '', customer: { id: 'x', extra: 1 }, text: 'hi' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'conversationId',
      'customer',
      'messageId',
    ]);
  });
});
