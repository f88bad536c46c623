import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryReport_Status, encodeOutboundMessage, type OutboundMessage } from '@switchboard/contracts';
import { BusRecorder, eventually, settle } from './bus-recorder';
import type { ConformanceFixtures, ConformanceHarness, ConformanceRequest } from './conformance-fixtures';

/** Tables of the ticket domain (libs/tickets, libs/persistence's outbox): no channel reads or writes them. */
const TICKET_TABLES =
  /\b(FROM|JOIN|INTO|UPDATE)\s+(tickets|ticket_[a-z_]+|customers|customer_[a-z_]+|outbox|tenants)\b/i;
const WRITES = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\b/i;
const TICKET_DOMAIN_IMPORTS = /from '@switchboard\/(persistence|tickets|routing|agent-api)'/;

const CJK_AND_EMOJI = '您好，我的订单还没到 📦🙏 — 麻烦查一下 👍🏽 ☕';

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourcesOf(path);
    return /\.ts$/.test(entry.name) && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

let sequence = 0;
const uniqueId = (label: string): string => `conf-${label}-${process.pid}-${Date.now().toString(36)}-${++sequence}`;

/**
 * The channel conformance suite: every adapter's tests call it with their fixtures, and it holds the
 * adapter to the SDK's promises. A duplicate delivery carries the same idempotency key (and is published
 * once where the edge dedupes); a bad signature or a stale
 * timestamp gets 401/403 and stores nothing; oversize and malformed bodies get 4xx; Chinese text and
 * emoji arrive unchanged both ways; a failing provider is retried, then dead-lettered with its error
 * and reported FAILED; provider statuses become delivery reports; the ticket database is never touched.
 */
export function runChannelConformance(name: string, fixtures: ConformanceFixtures): void {
  describe(`channel conformance: ${name}`, () => {
    let h: ConformanceHarness;
    let bus: BusRecorder;

    beforeAll(async () => {
      h = await fixtures.start();
      bus = await BusRecorder.start(h.transport, fixtures.outboundTopic);
    }, 60_000);
    afterAll(async () => {
      await bus?.stop();
      await h?.close();
    });

    const send = (request: ConformanceRequest) => h.inject(request);
    const publishedAs = (id: string) => bus.inboundWith(fixtures.channelMessageIdOf?.(id) ?? id);
    const writesSince = (from: number) =>
      h
        .statements()
        .slice(from)
        .filter((s) => WRITES.test(s));
    const deliver = async (answer: OutboundMessage) =>
      h.transport.publish(fixtures.outboundTopic, [
        { key: answer.conversationKey, value: encodeOutboundMessage(answer) },
      ]);

    it('stores a duplicate delivery once: one idempotency key, published once where the edge dedupes', async () => {
      const id = uniqueId('dup');
      const request = fixtures.inbound(h, { text: 'Where is my parcel?', id });
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
      const before = h.statements().length;
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
      const forged = fixtures.forged?.(h, fixtures.inbound(h, { text: 'forged', id }));
      if (forged) await refusedAndNothingStored(forged, id, [401, 403]);
    });

    (fixtures.stale ? it : it.skip)(
      'refuses a stale timestamp (a replay) with 401/403 and stores nothing',
      async () => {
        const id = uniqueId('stale');
        const stale = fixtures.stale?.(h, { text: 'replayed', id });
        if (stale) await refusedAndNothingStored(stale, id, [401, 403]);
      },
    );

    it('answers an oversize body with 413 and a malformed one with 4xx, publishing nothing', async () => {
      const before = bus.inbound.length;
      const writes = h.statements().length;
      expect((await send(fixtures.oversize(h))).statusCode).toBe(413);
      for (const request of fixtures.malformed(h)) {
        const response = await send(request);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
      }
      await settle();
      expect(bus.inbound.length).toBe(before);
      expect(writesSince(writes)).toEqual([]);
    });

    it('keeps Chinese text and emoji unchanged on the way in', async () => {
      const id = uniqueId('cjk');
      expect((await send(fixtures.inbound(h, { text: CJK_AND_EMOJI, id }))).statusCode).toBeLessThan(300);
      await eventually(() => publishedAs(id).length === 1, 'the CJK message on the bus');
      expect(publishedAs(id)[0]?.bodyText).toContain(CJK_AND_EMOJI);
    });

    it('delivers Chinese text and emoji unchanged and reports the answer', async () => {
      const answer = fixtures.outbound(h, `已为您补发 ✅ ${CJK_AND_EMOJI}`);
      await deliver(answer);
      await eventually(() => bus.reports.some((r) => r.messageId === answer.messageId), 'a delivery report');
      const report = bus.reports.find((r) => r.messageId === answer.messageId);
      expect([DeliveryReport_Status.SENT, DeliveryReport_Status.DELIVERED]).toContain(report?.status);
      if (h.provider)
        expect(h.provider.received().find((r) => r.messageId === answer.messageId)?.text).toBe(answer.bodyText);
    });

    (fixtures.providerStatus ? it : it.skip)('turns provider statuses into delivery reports', async () => {
      const answer = fixtures.outbound(h, 'status please');
      await deliver(answer);
      await eventually(() => bus.reports.some((r) => r.messageId === answer.messageId), 'the SENT report');
      const callback = fixtures.providerStatus?.(h, answer);
      if (!callback) return;
      expect((await send(callback)).statusCode).toBeLessThan(300);
      const delivered = () =>
        bus.reports.some((r) => r.messageId === answer.messageId && r.status === DeliveryReport_Status.DELIVERED);
      await eventually(delivered, 'the DELIVERED report');
    });

    (fixtures.failingProvider ? it : it.skip)(
      'retries a failing provider, then dead-letters the answer with the error',
      async () => {
        const provider = h.provider;
        if (!provider) throw new Error('fixtures.failingProvider needs harness.provider');
        const answer = fixtures.outbound(h, 'this one fails');
        const attemptsBefore = provider.attempts();
        provider.failWith(503);
        try {
          await deliver(answer);
          await eventually(() => bus.deadLetters.length > 0, 'a dead letter on the outbound DLQ');
        } finally {
          provider.failWith(undefined);
        }
        expect(provider.attempts() - attemptsBefore).toBeGreaterThan(1);
        expect(bus.deadLetters.at(-1)?.error).toMatch(/503/);
        await eventually(
          () => bus.reports.some((r) => r.messageId === answer.messageId && r.status === DeliveryReport_Status.FAILED),
          'a FAILED report',
        );
      },
    );

    it('never touches the ticket database', () => {
      const offending = h.statements().filter((s) => TICKET_TABLES.test(s));
      expect(offending).toEqual([]);
      const importing = sourcesOf(join(process.cwd(), fixtures.libRoot)).filter((file) =>
        TICKET_DOMAIN_IMPORTS.test(readFileSync(file, 'utf8')),
      );
      expect(importing).toEqual([]);
    });
  });
}
