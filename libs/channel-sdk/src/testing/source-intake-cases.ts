import { DeliveryReport_Status, encodeOutboundMessage } from '@switchboard/contracts';
import { eventually, settle } from './bus-recorder';
import type { IntakeRecord, SourceConformanceFixtures, SourceConformanceHarness } from './conformance-fixtures';
import { CJK_AND_EMOJI, uniqueId, type ConformanceContext } from './conformance-context';

/** Intake takes longer than a request: the delivery crosses a real provider (SMTP, then IMAP). */
const SOURCE_CASE_MS = 60_000;

/**
 * The inbound cases of a channel whose intake is an InboundSource (IMAP): the same promises as a
 * webhook's, in its terms. A duplicate delivery (the same mail twice) carries one idempotency key;
 * an oversize or malformed delivery is refused and recorded with its reason (the rejected-mail list),
 * publishing nothing; Chinese text and emoji arrive unchanged; the provider's later word about an
 * answer (a bounce in the mailbox) becomes a delivery report. The signature and replay cases do not
 * apply: nobody but the provider the source logs in to can put a message on its path.
 */
export function sourceIntakeCases(
  fixtures: SourceConformanceFixtures,
  ctx: ConformanceContext<SourceConformanceHarness>,
): void {
  const receive = (delivery: Parameters<SourceConformanceHarness['receive']>[0]) => ctx.harness().receive(delivery);

  it(
    'stores a duplicate delivery once: one idempotency key, published once where the edge dedupes',
    async () => {
      const id = uniqueId('dup');
      const delivery = fixtures.inbound(ctx.harness(), { text: 'Where is my parcel?', id });
      expect(await receive(delivery)).toEqual({ outcome: 'published' });
      expect(await receive(delivery)).toEqual({ outcome: 'published' });
      await eventually(() => ctx.bus().inboundWith(id).length >= 1, 'the message on inbound.messages.v1');
      await settle();
      const published = ctx.bus().inboundWith(id);
      expect(new Set(published.map((m) => `${m.tenant}|${m.channel}|${m.channelMessageId}`)).size).toBe(1);
      if (fixtures.dedupesAtEdge) expect(published).toHaveLength(1);
    },
    SOURCE_CASE_MS,
  );

  // No signature or replay cases: a source has no webhook to sign (its provider is reached over its own
  // authenticated connection, IMAP for email).

  const refusedWithReason = (record: IntakeRecord) => {
    expect(record.outcome).toBe('rejected');
    if (record.outcome !== 'rejected') return;
    expect(record.reason).toMatch(/\S/);
    expect(record.detail).toMatch(/\S/);
  };

  it(
    'refuses an oversize delivery and a malformed one, recording each with its reason and publishing nothing',
    async () => {
      const h = ctx.harness();
      const before = ctx.bus().inbound.length;
      refusedWithReason(await receive(fixtures.oversize(h)));
      for (const delivery of fixtures.malformed(h)) refusedWithReason(await receive(delivery));
      await settle();
      expect(ctx.bus().inbound.length).toBe(before);
    },
    SOURCE_CASE_MS,
  );

  it(
    'keeps Chinese text and emoji unchanged on the way in',
    async () => {
      const id = uniqueId('cjk');
      expect(await receive(fixtures.inbound(ctx.harness(), { text: CJK_AND_EMOJI, id }))).toEqual({
        outcome: 'published',
      });
      await eventually(() => ctx.bus().inboundWith(id).length === 1, 'the CJK message on the bus');
      expect(ctx.bus().inboundWith(id)[0]?.bodyText).toContain(CJK_AND_EMOJI);
    },
    SOURCE_CASE_MS,
  );

  (fixtures.providerStatus ? it : it.skip)(
    'turns provider statuses into delivery reports',
    async () => {
      const h = ctx.harness();
      const answer = fixtures.outbound(h, 'status please');
      await h.transport.publish(fixtures.outboundTopic, [
        { key: answer.conversationKey, value: encodeOutboundMessage(answer) },
      ]);
      const reportsOf = () => ctx.bus().reports.filter((r) => r.messageId === answer.messageId);
      await eventually(() => reportsOf().length > 0, 'the SENT report');
      const sent = reportsOf()[0];
      expect(sent?.status).toBe(DeliveryReport_Status.SENT);
      const status = sent && fixtures.providerStatus?.(h, answer, sent);
      if (!status) return;
      expect(await receive(status)).toEqual({ outcome: 'reported' });
      await eventually(
        () => reportsOf().some((r) => r.status !== DeliveryReport_Status.SENT),
        "the provider's status as a delivery report",
      );
    },
    SOURCE_CASE_MS,
  );
}
