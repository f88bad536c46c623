import { DeliveryReport_Status, encodeOutboundMessage } from '@switchboard/contracts';
import { eventually, settle } from './bus-recorder';
import type { ConformanceHarness, ConformanceRequest, WebhookConformanceFixtures } from './conformance-fixtures';
import { CJK_AND_EMOJI, WRITES, uniqueId, type ConformanceContext } from './conformance-context';

/**
 * The inbound cases of a webhook channel: a duplicate request carries one idempotency key (published
 * once where the edge dedupes); a bad signature or a stale timestamp gets 401/403 and stores nothing;
 * oversize and malformed bodies get 413 / 4xx and publish nothing; Chinese text and emoji arrive
 * unchanged; a provider's status callback becomes a delivery report.
 */
export function webhookIntakeCases(
  fixtures: WebhookConformanceFixtures,
  ctx: ConformanceContext<ConformanceHarness>,
): void {
  const send = (request: ConformanceRequest) => ctx.harness().inject(request);
  /** The messages published for the suite's id, in the provider's id shape when it has one. */
  const publishedAs = (id: string) => ctx.bus().inboundWith(fixtures.channelMessageIdOf?.(id) ?? id);
  const writesSince = (from: number) =>
    ctx
      .harness()
      .statements()
      .slice(from)
      .filter((s) => WRITES.test(s));

  it('stores a duplicate delivery once: one idempotency key, published once where the edge dedupes', async () => {
    const id = uniqueId('dup');
    const request = fixtures.inbound(ctx.harness(), { text: 'Where is my parcel?', id });
    const first = await send(request);
    const second = await send(request);
    expect(first.statusCode).toBeLessThan(300);
    expect(second.statusCode).toBeLessThan(300);
    await eventually(() => publishedAs(id).length >= 1, 'the message on inbound.messages.v1');
    await settle();
    const published = publishedAs(id);
    // The ticket service stores one message per (tenant, channel, channel message id).
    expect(new Set(published.map((m) => `${m.tenant}|${m.channel}|${m.channelMessageId}`)).size).toBe(1);
    if (fixtures.dedupesAtEdge) expect(published).toHaveLength(1);
  });

  const refusedAndNothingStored = async (request: ConformanceRequest, id: string, statuses: number[]) => {
    const before = ctx.harness().statements().length;
    const response = await send(request);
    expect(statuses).toContain(response.statusCode);
    const answer = JSON.parse(response.body) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof answer.error?.code).toBe('string');
    expect(typeof answer.error?.message).toBe('string');
    await settle();
    expect(publishedAs(id)).toHaveLength(0);
    expect(writesSince(before)).toEqual([]);
  };

  (fixtures.forged ? it : it.skip)('refuses a bad signature with 401/403 and stores nothing', async () => {
    const id = uniqueId('forged');
    const h = ctx.harness();
    const forged = fixtures.forged?.(h, fixtures.inbound(h, { text: 'forged', id }));
    if (forged) await refusedAndNothingStored(forged, id, [401, 403]);
  });

  (fixtures.stale ? it : it.skip)('refuses a stale timestamp (a replay) with 401/403 and stores nothing', async () => {
    const id = uniqueId('stale');
    const stale = fixtures.stale?.(ctx.harness(), { text: 'replayed', id });
    if (stale) await refusedAndNothingStored(stale, id, [401, 403]);
  });

  it('answers an oversize body with 413 and a malformed one with 4xx, publishing nothing', async () => {
    const h = ctx.harness();
    const before = ctx.bus().inbound.length;
    const writes = h.statements().length;
    expect((await send(fixtures.oversize(h))).statusCode).toBe(413);
    for (const request of fixtures.malformed(h)) {
      const response = await send(request);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    }
    await settle();
    expect(ctx.bus().inbound.length).toBe(before);
    expect(writesSince(writes)).toEqual([]);
  });

  it('keeps Chinese text and emoji unchanged on the way in', async () => {
    const id = uniqueId('cjk');
    expect((await send(fixtures.inbound(ctx.harness(), { text: CJK_AND_EMOJI, id }))).statusCode).toBeLessThan(300);
    await eventually(() => publishedAs(id).length === 1, 'the CJK message on the bus');
    expect(publishedAs(id)[0]?.bodyText).toContain(CJK_AND_EMOJI);
  });

  (fixtures.providerStatus ? it : it.skip)('turns provider statuses into delivery reports', async () => {
    const h = ctx.harness();
    const answer = fixtures.outbound(h, 'status please');
    await h.transport.publish(fixtures.outboundTopic, [
      { key: answer.conversationKey, value: encodeOutboundMessage(answer) },
    ]);
    const reports = () => ctx.bus().reports;
    await eventually(() => reports().some((r) => r.messageId === answer.messageId), 'the SENT report');
    const callback = fixtures.providerStatus?.(h, answer);
    if (!callback) return;
    expect((await send(callback)).statusCode).toBeLessThan(300);
    const delivered = () =>
      reports().some((r) => r.messageId === answer.messageId && r.status === DeliveryReport_Status.DELIVERED);
    await eventually(delivered, 'the DELIVERED report');
  });
}
