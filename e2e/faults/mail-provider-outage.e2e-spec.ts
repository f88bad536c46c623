import { loadEmailChannelConfig } from '@switchboard/channel-email';
import {
  TEST_SMTP,
  readInbox,
  testMailboxSettings,
  uniqueAddress,
  waitUntil,
} from '@switchboard/channel-email/testing';
import { loadConfig } from '@switchboard/config';
import {
  Channel,
  DeliveryReport_Status,
  OutboundMessageSchema,
  Topics,
  allTopics,
  create,
  decodeDeliveryReport,
  encodeOutboundMessage,
  type DeliveryReport,
  type OutboundMessage,
} from '@switchboard/contracts';
import { seedDemoTenant } from '@switchboard/demo';
import { newId } from '@switchboard/ids';
import { InProcessTransport } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { startInProcessStack, type InProcessStack } from '../support/in-process-stack';
import { TcpProxy } from '../support/tcp-proxy';

/** How long the mail provider is down: a minute under `npm run faults`, less in CI. */
const OUTAGE_MS = process.env['FAULT_MESSAGES'] ? 60_000 : 10_000;
const PER_WAVE = 5;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * (e) The outbound provider (the project's mail server, behind a TCP proxy that refuses connections)
 * fails for a while: replies sent before and after are delivered once; a reply sent during the outage
 * is delivered once after it or reported FAILED, visibly, never both, never twice.
 */
describe('fault: the mail provider is down while agents reply', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: InProcessTransport;
  let proxy: TcpProxy;
  let channel: InProcessStack;
  const reports: DeliveryReport[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase('fault_mail_outage');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    await seedDemoTenant(db);
    transport = new InProcessTransport();
    await transport.ensureTopics(allTopics());
    await transport.subscribe({
      topic: Topics.outboundStatus,
      groupId: 'fault-reports',
      handler: async (records) => {
        reports.push(...records.map((r) => decodeDeliveryReport(r.value)));
      },
    });
    proxy = await TcpProxy.start({ host: TEST_SMTP.host, port: TEST_SMTP.port });
    const settings = {
      ...testMailboxSettings('demo', uniqueAddress('outage-support')),
      smtp: { host: '127.0.0.1', port: proxy.port, secure: false },
    };
    channel = await startInProcessStack({
      db,
      transport,
      email: {
        config: loadEmailChannelConfig({ EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [settings] }) }),
        env: {},
      },
    });
  }, 60_000);

  afterAll(async () => {
    await channel?.close();
    await proxy?.close();
    await transport?.close();
    await db?.close();
    await testDb?.drop();
  });

  const reply = (wave: string, i: number): OutboundMessage =>
    create(OutboundMessageSchema, {
      messageId: newId(),
      tenant: 'demo',
      ticketId: newId(),
      ticketNumber: `SB-9${wave.length}${i}`,
      channel: Channel.EMAIL,
      conversationKey: `email:<${wave}-${i}@customer.test>`,
      recipient: { email: uniqueAddress(`${wave}-${i}`, 'customer.test') },
      subject: `Re: wave ${wave} #${i}`,
      bodyText: `Answer ${wave} ${i}`,
    });

  const send = async (messages: readonly OutboundMessage[]) =>
    transport.publish(
      Topics.outboundEmail,
      messages.map((m) => ({ key: m.conversationKey, value: encodeOutboundMessage(m) })),
    );

  const finalReports = (m: OutboundMessage) =>
    reports.filter(
      (r) =>
        r.messageId === m.messageId &&
        (r.status === DeliveryReport_Status.SENT || r.status === DeliveryReport_Status.FAILED),
    );

  it('delivers every reply once or reports it FAILED, never both, never twice', async () => {
    const before = Array.from({ length: PER_WAVE }, (_, i) => reply('before', i));
    const during = Array.from({ length: PER_WAVE }, (_, i) => reply('during', i));
    const after = Array.from({ length: PER_WAVE }, (_, i) => reply('after', i));
    await send(before);
    await waitUntil(
      'the first wave reported',
      async () => (before.every((m) => finalReports(m).length > 0) ? true : undefined),
      30_000,
    );
    await proxy.cut();
    await send(during);
    await sleep(OUTAGE_MS);
    await proxy.restore();
    await send(after);
    const all = [...before, ...during, ...after];
    await waitUntil(
      'a final report for every reply',
      async () => (all.every((m) => finalReports(m).length > 0) ? true : undefined),
      120_000,
    );
    await sleep(1_000);
    const outcome = await Promise.all(
      all.map(async (m) => ({
        reports: finalReports(m).map((r) => r.status),
        delivered: (await readInbox(m.recipient?.email ?? '')).length,
      })),
    );
    const delivered = outcome.filter((o) => o.delivered > 0).length;
    const failed = outcome.filter((o) => o.reports.includes(DeliveryReport_Status.FAILED)).length;
    const duplicates = outcome.reduce(
      (n, o) => n + Math.max(0, o.delivered - 1) + Math.max(0, o.reports.length - 1),
      0,
    );
    console.log(
      `[fault] ${JSON.stringify({ scenario: 'mail provider outage', sent: all.length, delivered, failed, duplicates })}`,
    );
    for (const [i, o] of outcome.entries()) {
      const expected = o.delivered === 1 ? [DeliveryReport_Status.SENT] : [DeliveryReport_Status.FAILED];
      expect({ reply: i, ...o }).toEqual({ reply: i, reports: expected, delivered: o.delivered === 1 ? 1 : 0 });
    }
    expect(outcome.slice(0, PER_WAVE).every((o) => o.delivered === 1)).toBe(true);
    expect(outcome.slice(2 * PER_WAVE).every((o) => o.delivered === 1)).toBe(true);
    expect(proxy.severed + proxy.accepted).toBeGreaterThan(0);
  }, 240_000);
});
