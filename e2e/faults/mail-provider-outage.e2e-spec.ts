import { loadEmailChannelConfig } from '@switchboard/channel-email';
import { TEST_SMTP, readInbox, testMailboxSettings, uniqueAddress } from '@switchboard/channel-email/testing';
import { loadConfig } from '@switchboard/config';
import {
  Channel,
  OutboundMessageSchema,
  Topics,
  allTopics,
  create,
  decodeDeliveryReport,
  type DeliveryReport,
  type OutboundMessage,
} from '@switchboard/contracts';
import { seedDemoTenant } from '@switchboard/demo';
import { newId } from '@switchboard/ids';
import { InProcessTransport } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { startInProcessStack, type InProcessStack } from '../support/in-process-stack';
import { expectRepliesSurviveOutage } from './support/reply-outage';
import { TcpProxy } from '../support/tcp-proxy';

/** How long the mail provider is down: a minute under `npm run faults`, less in CI. */
const OUTAGE_MS = process.env['FAULT_MESSAGES'] ? 60_000 : 10_000;
const PER_WAVE = 5;

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

  it('delivers every reply once or reports it FAILED, never both, never twice', async () => {
    await expectRepliesSurviveOutage({
      transport,
      reports,
      outageMs: OUTAGE_MS,
      perWave: PER_WAVE,
      provider: {
        name: 'mail provider',
        topic: Topics.outboundEmail,
        reply,
        delivered: async (m) => (await readInbox(m.recipient?.email ?? '')).length,
        fail: (on) => (on ? proxy.cut() : proxy.restore()),
        // The proxy refuses connections while cut without counting them: what it counts is that the
        // traffic went through it (accepted) and what the cut tore down (severed).
        refused: () => proxy.severed + proxy.accepted,
      },
    });
  }, 240_000);
});
