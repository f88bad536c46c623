import { Topics, encodeInboundReceipt } from '@switchboard/contracts';
import { InProcessTransport, type OutgoingRecord } from '@switchboard/messaging';
import { WebChannelHarness, submissions, validForm as form } from './testing/web-channel.harness';

describe('web channel when no receipt comes in time', () => {
  it('answers 202 with a status URL, which reports the outcome once the receipt arrives', async () => {
    const h = await WebChannelHarness.start({ receiptTimeoutMs: 50 });
    h.fake.silent = true;
    try {
      const res = await h.postJson(form);
      expect(res.statusCode).toBe(202);
      const body = res.json<{ messageId: string; statusUrl: string }>();
      expect(body).toEqual({
        status: 'accepted',
        messageId: body.messageId,
        statusUrl: `${submissions('acme')}/${body.messageId}`,
      });
      expect((await h.get(body.statusUrl)).statusCode).toBe(404);
      const [late] = await h.fake.consumed(1);
      if (!late) throw new Error('the message was not published');
      await h.transport.publish(Topics.inboundReceipts, [
        { key: body.messageId, value: encodeInboundReceipt(h.fake.receiptFor(late.message)) },
      ]);
      let status = await h.get(body.statusUrl);
      for (let i = 0; i < 100 && status.statusCode === 404; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        status = await h.get(body.statusUrl);
      }
      expect(status.json()).toMatchObject({ status: 'created', ticketNumber: 'SB-000001', messageId: body.messageId });
    } finally {
      await h.stop();
    }
  });

  it('lets waiting requests go with 202 when the app shuts down', async () => {
    const h = await WebChannelHarness.start({ receiptTimeoutMs: 30_000 });
    h.fake.silent = true;
    const pending = h.postJson(form);
    await h.fake.consumed(1);
    const stopping = h.stop();
    const started = Date.now();
    expect((await pending).statusCode).toBe(202);
    await stopping;
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('answers 503 when the bus does not take the message, so the client retries with the same id', async () => {
    class BrokerDown extends InProcessTransport {
      override async publish(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
        if (topic === Topics.inboundMessages) throw new Error('broker down');
        return super.publish(topic, records);
      }
    }
    const h = await WebChannelHarness.start({ transport: new BrokerDown() });
    try {
      const res = await h.postJson(form);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'service_unavailable' } });
      const page = await h.postForm({ ...form, clientMessageId: 'retry-me-0001' });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('please try again');
    } finally {
      await h.stop();
    }
  });
});
