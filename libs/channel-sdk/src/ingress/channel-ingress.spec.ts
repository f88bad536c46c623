import { Channel, InboundMessageSchema, Topics, create, decodeInboundMessage } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import type { OutgoingRecord, Transport } from '@switchboard/messaging';
import { ChannelSdkException } from '../adapter/channel-sdk.exception';
import { ChannelMetrics } from '../metrics/channel-metrics';
import { ChannelIngress } from './channel-ingress';
import { RecentIds } from './recent-ids';

class RecordingTransport implements Pick<Transport, 'publish'> {
  readonly published: { topic: string; records: readonly OutgoingRecord[] }[] = [];
  failing = false;
  async publish(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    if (this.failing) throw new Error('broker down');
    this.published.push({ topic, records });
  }
}

const message = (id: string) =>
  create(InboundMessageSchema, {
    messageId: `m-${id}`,
    tenant: 'acme',
    channel: Channel.API,
    channelMessageId: id,
    conversationKey: `api:c:${id}`,
  });

describe('ChannelIngress', () => {
  const setup = (dedupe?: boolean) => {
    const transport = new RecordingTransport();
    const ingress = new ChannelIngress(
      'api',
      transport as unknown as Transport,
      ChannelMetrics.for(undefined),
      createLogger('spec'),
      { dedupe },
    );
    return { transport, ingress };
  };

  it('publishes keyed by conversation, and answers a redelivery as a duplicate without publishing it', async () => {
    const { transport, ingress } = setup();
    expect(await ingress.accept([message('a'), message('a')])).toEqual([
      { messageId: 'm-a', channelMessageId: 'a', duplicate: false },
      { messageId: 'm-a', channelMessageId: 'a', duplicate: true },
    ]);
    expect((await ingress.accept([message('a')]))[0]?.duplicate).toBe(true);
    expect(transport.published).toHaveLength(1);
    const [record] = transport.published[0]?.records ?? [];
    expect(transport.published[0]?.topic).toBe(Topics.inboundMessages);
    expect(record?.key).toBe('api:c:a');
    expect(decodeInboundMessage(record?.value ?? new Uint8Array()).channelMessageId).toBe('a');
  });

  it('does not remember a message whose publish failed, so the provider retry goes through', async () => {
    const { transport, ingress } = setup();
    transport.failing = true;
    await expect(ingress.accept([message('b')])).rejects.toBeInstanceOf(ChannelSdkException);
    transport.failing = false;
    expect((await ingress.accept([message('b')]))[0]?.duplicate).toBe(false);
  });

  it('publishes every delivery when the channel leaves dedupe to the ticket service', async () => {
    const { transport, ingress } = setup(false);
    await ingress.accept([message('c')]);
    await ingress.accept([message('c')]);
    expect(transport.published).toHaveLength(2);
  });
});

describe('RecentIds', () => {
  it('forgets ids after their time and beyond its size', () => {
    const ids = new RecentIds(2, 1_000);
    ids.add('a', 0);
    expect(ids.has('a', 999)).toBe(true);
    expect(ids.has('a', 1_001)).toBe(false);
    ids.add('b', 0);
    ids.add('c', 0);
    ids.add('d', 0);
    expect(ids.has('b', 1)).toBe(false);
    expect(ids.has('d', 1)).toBe(true);
  });
});
