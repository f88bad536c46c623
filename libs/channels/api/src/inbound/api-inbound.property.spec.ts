import fc from 'fast-check';
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

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'api_channel_id', 'api_channel');

/** Bodies near the schema (so many parse) and far from it: wrong types, extra and hostile keys. */
const bodyLike = fc.record(
  {
    messageId: fc.oneof(fc.string({ maxLength: 220 }), fc.anything()),
    conversationId: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 220 }), fc.anything()),
    customer: fc.oneof(
      fc.record(
        {
          id: fc.oneof(fc.string({ maxLength: 210 }), fc.integer()),
          name: fc.string({ unit: 'grapheme', maxLength: 210 }),
          email: fc.oneof(fc.emailAddress(), fc.string()),
          phone: fc.oneof(fc.constant('+8613800138000'), fc.string()),
        },
        { requiredKeys: ['id'] },
      ),
      fc.anything(),
    ),
    subject: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 520 }), fc.anything()),
    text: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }), fc.anything()),
    attachments: fc.oneof(
      fc.array(fc.record({ url: fc.oneof(fc.webUrl(), fc.string()), name: fc.string() }), { maxLength: 25 }),
      fc.anything(),
    ),
    hints: fc.oneof(
      fc.record({ category: fc.string(), ticketNumber: fc.string() }, { requiredKeys: [] }),
      fc.anything(),
    ),
    metadata: fc.oneof(
      fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 20 })), fc.string({ maxLength: 50 })),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);

/** Bodies with every required field well-formed and the optional ones anything from bodyLike. */
const nearlyValid = fc
  .tuple(
    fc.record({
      messageId: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
      conversationId: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== ''),
      customer: fc.record({ id: fc.stringMatching(/^[a-z0-9-]{1,30}$/) }),
      text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }),
    }),
    fc.record(
      {
        subject: fc.string({ unit: 'grapheme', maxLength: 100 }),
        metadata: fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 20 })), fc.string({ maxLength: 50 })),
        hints: fc.record({ category: fc.string({ maxLength: 20 }) }),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([required, optional]) => ({ ...optional, ...required }));

describe('the API channel inbound body, for any JSON', () => {
  it('never throws; what parses becomes a message scoped to the channel that the body cannot re-scope', () => {
    let messages = 0;
    fc.assert(
      fc.property(fc.oneof(nearlyValid, bodyLike, fc.anything()), (raw) => {
        // What arrives over HTTP is JSON: round-trip it the way the body parser would see it.
        let body: unknown;
        try {
          body = JSON.parse(JSON.stringify(raw) ?? 'null');
        } catch {
          return;
        }
        const parsed = apiInboundSchema.safeParse(body);
        if (!parsed.success) {
          expect(parsed.error.issues.length).toBeGreaterThan(0);
          return;
        }
        const message = toInboundMessage(channel, parsed.data, 'm-1', new Date(0));
        expect(message.channel).toBe(Channel.API);
        expect(message.tenant).toBe('acme');
        expect(message.channelMessageId).toBe(`${channel.id}:${parsed.data.messageId}`);
        expect(channelIdOfConversation(message.conversationKey)).toBe(channel.id);
        expect(message.bodyText).toBe(parsed.data.text);
        expect(message.metadata['api_channel_id']).toBe(channel.id);
        expect(message.metadata['api_channel']).toBe('shop');
        expect(message.customer?.verified).toEqual(['external']);
        expect(Object.getPrototypeOf(message.metadata)).toBe(Object.prototype);
        expect(message.attachments.length).toBeLessThanOrEqual(20);
        messages += 1;
      }),
      { numRuns: 500 },
    );
    // The generator reaches the accepting side too, not only refusals.
    expect(messages).toBeGreaterThan(0);
  });
});
