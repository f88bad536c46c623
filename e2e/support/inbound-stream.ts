import { Channel, Topics, encodeInboundMessage, type InboundMessage } from '@switchboard/contracts';
import type { Transport } from '@switchboard/messaging';
import { factory } from '@switchboard/testing';

export interface ConversationStreamPlan {
  readonly runId: string;
  readonly tenant: string;
  readonly conversations: number;
  readonly messages: number;
}

/** One message of the stream and the conversation it belongs to (its place in it is its publish order). */
export interface StreamMessage {
  readonly conversation: number;
  readonly message: InboundMessage;
}

/**
 * `messages` web messages interleaved over `conversations` conversations (message i belongs to
 * conversation i mod conversations), each conversation from its own customer with its own key, every
 * message with a unique channel message id and a body of its own (no near-duplicate folding).
 */
export function conversationStream(plan: ConversationStreamPlan): StreamMessage[] {
  return Array.from({ length: plan.messages }, (_, i) => {
    const conversation = i % plan.conversations;
    const tag = `${plan.runId}-c${conversation}`;
    return {
      conversation,
      message: factory.inboundMessage({
        tenant: plan.tenant,
        channel: Channel.WEB,
        channelMessageId: `${tag}-m${Math.floor(i / plan.conversations)}`,
        conversationKey: `web:${tag}`,
        email: `${tag}@example.com`,
        subject: `Conversation ${conversation}`,
        bodyText: `Message ${i} of the stream, number ${Math.floor(i / plan.conversations)} in conversation ${conversation}.`,
      }),
    };
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Publishes InboundMessages to `inbound.messages.v1` one by one at a steady rate, as channels would
 * (keyed by conversation, like the channels and the bench), each awaited so a conversation's order is
 * the publish order. `published` counts the records the broker acknowledged.
 */
export class SteadyPublisher {
  published = 0;
  private readonly waiters: Array<{ count: number; done: () => void }> = [];

  constructor(
    private readonly transport: Transport,
    private readonly messages: readonly InboundMessage[],
    private readonly perSecond: number,
  ) {}

  async run(): Promise<void> {
    const started = performance.now();
    const interval = 1_000 / this.perSecond;
    for (const [i, message] of this.messages.entries()) {
      const wait = started + i * interval - performance.now();
      if (wait > 0) await sleep(wait);
      await this.transport.publish(Topics.inboundMessages, [
        { key: message.conversationKey, value: encodeInboundMessage(message) },
      ]);
      this.published += 1;
      for (const waiter of this.waiters.filter((w) => w.count <= this.published)) waiter.done();
    }
  }

  /** Resolves once `count` records are acknowledged (run() must be running). */
  reached(count: number): Promise<void> {
    if (this.published >= count) return Promise.resolve();
    return new Promise((done) => this.waiters.push({ count, done }));
  }
}
