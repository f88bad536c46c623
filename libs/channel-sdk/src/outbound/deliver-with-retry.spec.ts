import { Channel, DeliveryReport_Status, OutboundMessageSchema, Topics, create } from '@switchboard/contracts';
import type { ChannelAdapter } from '../adapter/channel-adapter';
import { PermanentDeliveryError, ProviderDeliveryError } from '../adapter/channel-sdk.exception';
import { backoffMs, deliverWithRetry } from './deliver-with-retry';

const policy = { maxAttempts: 4, initialBackoffMs: 100, maxBackoffMs: 1_000 };
const message = create(OutboundMessageSchema, { messageId: 'm', bodyText: 'hi', channel: Channel.API });
const noSleep = () => Promise.resolve();

function adapterFailing(times: number, error: () => Error): ChannelAdapter & { calls: number } {
  const adapter = {
    calls: 0,
    name: 'test',
    channel: Channel.API,
    outboundTopic: Topics.outboundApi,
    capabilities: {
      attachments: false,
      maxTextLength: 10,
      deliveryReceipts: false,
      passiveReplies: false,
      signedInbound: true,
    },
    verify: () => Promise.resolve(undefined),
    normalize: () => [],
    deliver: () => {
      adapter.calls++;
      if (adapter.calls <= times) return Promise.reject(error());
      return Promise.resolve({ status: DeliveryReport_Status.SENT as const, providerMessageId: 'p' });
    },
  };
  return adapter;
}

describe('deliverWithRetry', () => {
  it('retries until the provider takes it', async () => {
    const adapter = adapterFailing(2, () => new Error('503'));
    const retried: number[] = [];
    const result = await deliverWithRetry(adapter, message, policy, (_e, attempt) => retried.push(attempt), noSleep);
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(retried).toEqual([1, 2]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const adapter = adapterFailing(99, () => new Error('still 503'));
    const result = await deliverWithRetry(adapter, message, policy, () => undefined, noSleep);
    expect(result).toMatchObject({ ok: false, attempts: 4, error: { message: 'still 503' } });
    expect(adapter.calls).toBe(4);
  });

  it('stops at once on a permanent refusal', async () => {
    const adapter = adapterFailing(99, () => new PermanentDeliveryError('400'));
    const result = await deliverWithRetry(adapter, message, policy, () => undefined, noSleep);
    expect(result).toMatchObject({ ok: false, attempts: 1 });
  });

  it('throws a transient failure of our own side for the transport to retry in place', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const adapter = adapterFailing(99, () => down);
    await expect(deliverWithRetry(adapter, message, policy, () => undefined, noSleep)).rejects.toBe(down);
  });

  it('retries a provider failure naming an errno, then gives up: the provider is down, not our side', async () => {
    const adapter = adapterFailing(
      99,
      () => new ProviderDeliveryError('SMTP: connect ECONNREFUSED 127.0.0.1:25', '<m@x>'),
    );
    const result = await deliverWithRetry(adapter, message, policy, () => undefined, noSleep);
    expect(result).toMatchObject({ ok: false, attempts: 4, error: { providerMessageId: '<m@x>' } });
  });

  it('backs off exponentially, capped, with jitter in the upper half', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(policy, a, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoffMs(policy, 3, () => 0)).toBe(200);
  });
});
