import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryReport_Status, encodeOutboundMessage, type OutboundMessage } from '@switchboard/contracts';
import { BusRecorder, eventually } from './bus-recorder';
import { CJK_AND_EMOJI, type ConformanceContext } from './conformance-context';
import type {
  ConformanceFixtures,
  ConformanceHarness,
  ConformanceHarnessBase,
  SourceConformanceHarness,
} from './conformance-fixtures';
import { sourceIntakeCases } from './source-intake-cases';
import { webhookIntakeCases } from './webhook-intake-cases';

/** Tables of the ticket domain (libs/tickets, libs/persistence's outbox): no channel reads or writes them. */
const TICKET_TABLES =
  /\b(FROM|JOIN|INTO|UPDATE)\s+(tickets|ticket_[a-z_]+|customers|customer_[a-z_]+|outbox|tenants)\b/i;
const TICKET_DOMAIN_IMPORTS = /from '@switchboard\/(persistence|tickets|routing|agent-api)'/;

/** Outbound crosses a real provider for some channels (SMTP, then IMAP to read the mail back). */
const OUTBOUND_CASE_MS = 60_000;

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourcesOf(path);
    return /\.ts$/.test(entry.name) && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The channel conformance suite: every adapter's tests call it with their fixtures, and it holds the
 * adapter to the SDK's promises. Inbound, for a webhook (webhookIntakeCases): a duplicate delivery
 * carries the same idempotency key (and is published once where the edge dedupes); a bad signature or
 * a stale timestamp gets 401/403 and stores nothing; oversize and malformed bodies get 4xx; for an
 * InboundSource such as IMAP (sourceIntakeCases): the same, with refusals recorded with their reason
 * instead of answered. Both: Chinese text and emoji arrive unchanged both ways; a failing provider is
 * retried, then dead-lettered with its error and reported FAILED; provider statuses become delivery
 * reports; the ticket database is never touched.
 */
export function runChannelConformance(name: string, fixtures: ConformanceFixtures): void {
  describe(`channel conformance: ${name}`, () => {
    let h: ConformanceHarnessBase;
    let bus: BusRecorder;

    beforeAll(async () => {
      h = await fixtures.start();
      bus = await BusRecorder.start(h.transport, fixtures.outboundTopic);
    }, 60_000);
    afterAll(async () => {
      await bus?.stop();
      await h?.close();
    });

    const deliver = async (answer: OutboundMessage) =>
      h.transport.publish(fixtures.outboundTopic, [
        { key: answer.conversationKey, value: encodeOutboundMessage(answer) },
      ]);

    if (fixtures.intake === 'source') {
      const ctx: ConformanceContext<SourceConformanceHarness> = {
        harness: () => h as SourceConformanceHarness,
        bus: () => bus,
      };
      sourceIntakeCases(fixtures, ctx);
    } else {
      const ctx: ConformanceContext<ConformanceHarness> = { harness: () => h as ConformanceHarness, bus: () => bus };
      webhookIntakeCases(fixtures, ctx);
    }

    it(
      'delivers Chinese text and emoji unchanged and reports the answer',
      async () => {
        const answer = fixtures.outbound(h, `已为您补发 ✅ ${CJK_AND_EMOJI}`);
        await deliver(answer);
        await eventually(() => bus.reports.some((r) => r.messageId === answer.messageId), 'a delivery report');
        const report = bus.reports.find((r) => r.messageId === answer.messageId);
        expect([DeliveryReport_Status.SENT, DeliveryReport_Status.DELIVERED]).toContain(report?.status);
        if (h.provider) {
          const received = await h.provider.received();
          expect(received.find((r) => r.messageId === answer.messageId)?.text).toBe(answer.bodyText);
        }
      },
      OUTBOUND_CASE_MS,
    );

    (fixtures.failingProvider ? it : it.skip)(
      'retries a failing provider, then dead-letters the answer with the error',
      async () => {
        const provider = h.provider;
        if (!provider) throw new Error('fixtures.failingProvider needs harness.provider');
        const failure = fixtures.providerFailure ?? 503;
        const answer = fixtures.outbound(h, 'this one fails');
        const attemptsBefore = provider.attempts();
        const deadLettersBefore = bus.deadLetters.length;
        provider.failWith(failure);
        try {
          await deliver(answer);
          await eventually(() => bus.deadLetters.length > deadLettersBefore, 'a dead letter on the outbound DLQ');
        } finally {
          provider.failWith(undefined);
        }
        expect(provider.attempts() - attemptsBefore).toBeGreaterThan(1);
        expect(bus.deadLetters.at(-1)?.error).toMatch(new RegExp(String(failure)));
        await eventually(
          () => bus.reports.some((r) => r.messageId === answer.messageId && r.status === DeliveryReport_Status.FAILED),
          'a FAILED report',
        );
      },
      OUTBOUND_CASE_MS,
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
