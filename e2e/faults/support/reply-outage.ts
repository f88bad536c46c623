import { waitUntil } from '@switchboard/channel-email/testing';
import {
  DeliveryReport_Status,
  encodeOutboundMessage,
  type DeliveryReport,
  type OutboundMessage,
} from '@switchboard/contracts';
import type { Transport } from '@switchboard/messaging';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An outbound provider a scenario can take down, and ask what it delivered. */
export interface OutageProvider {
  readonly name: string;
  /** outbound.<channel>.v1 */
  readonly topic: string;
  reply(wave: string, i: number): OutboundMessage;
  /** How many times the provider accepted this reply. */
  delivered(reply: OutboundMessage): number | Promise<number>;
  fail(on: boolean): void | Promise<void>;
  /** What the provider refused while down: proof that the outage met the replies. */
  refused(): number;
}

export interface ReplyOutage {
  readonly transport: Transport;
  /** Every DeliveryReport seen on outbound.status.v1 so far (the scenario subscribes). */
  readonly reports: readonly DeliveryReport[];
  readonly provider: OutageProvider;
  readonly outageMs: number;
  readonly perWave: number;
}

/**
 * (e) Three waves of replies: before, during and after the provider's outage. Prints one `[fault]`
 * line and asserts that every reply was delivered once or reported FAILED, never both, never twice;
 * the first and last waves all delivered; and the outage refused something.
 */
export async function expectRepliesSurviveOutage({
  transport,
  reports,
  provider,
  outageMs,
  perWave,
}: ReplyOutage): Promise<void> {
  const finalReports = (m: OutboundMessage) =>
    reports.filter(
      (r) =>
        r.messageId === m.messageId &&
        (r.status === DeliveryReport_Status.SENT || r.status === DeliveryReport_Status.FAILED),
    );
  const send = (messages: readonly OutboundMessage[]) =>
    transport.publish(
      provider.topic,
      messages.map((m) => ({ key: m.conversationKey, value: encodeOutboundMessage(m) })),
    );
  const reported = (messages: readonly OutboundMessage[]) => async () =>
    messages.every((m) => finalReports(m).length > 0) ? true : undefined;
  const wave = (label: string) => Array.from({ length: perWave }, (_, i) => provider.reply(label, i));
  const [before, during, after] = [wave('before'), wave('during'), wave('after')];
  const all = [...before, ...during, ...after];

  await send(before);
  await waitUntil('the first wave reported', reported(before), 30_000);
  await provider.fail(true);
  await send(during);
  await sleep(outageMs);
  await provider.fail(false);
  await send(after);
  await waitUntil('a final report for every reply', reported(all), 120_000);
  await sleep(1_000);

  const outcome = await Promise.all(
    all.map(async (m) => ({ reports: finalReports(m).map((r) => r.status), delivered: await provider.delivered(m) })),
  );
  const summary = {
    scenario: `${provider.name} outage`,
    sent: all.length,
    delivered: outcome.filter((o) => o.delivered > 0).length,
    failed: outcome.filter((o) => o.reports.includes(DeliveryReport_Status.FAILED)).length,
    duplicates: outcome.reduce((n, o) => n + Math.max(0, o.delivered - 1) + Math.max(0, o.reports.length - 1), 0),
    refused: provider.refused(),
  };
  console.log(`[fault] ${JSON.stringify(summary)}`);
  for (const [i, o] of outcome.entries()) {
    const expected = o.delivered === 1 ? [DeliveryReport_Status.SENT] : [DeliveryReport_Status.FAILED];
    expect({ reply: i, ...o }).toEqual({ reply: i, reports: expected, delivered: o.delivered === 1 ? 1 : 0 });
  }
  expect(outcome.slice(0, perWave).every((o) => o.delivered === 1)).toBe(true);
  expect(outcome.slice(2 * perWave).every((o) => o.delivered === 1)).toBe(true);
  expect(summary.refused).toBeGreaterThan(0);
}
