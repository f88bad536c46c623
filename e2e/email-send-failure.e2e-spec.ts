import { loadEmailChannelConfig } from '@switchboard/channel-email';
import { testMailboxSettings, uniqueAddress, waitUntil } from '@switchboard/channel-email/testing';
import { loadConfig } from '@switchboard/config';
import {
  Channel,
  DeliveryReport_Status,
  OutboundMessageSchema,
  Topics,
  allTopics,
  create,
  decodeDeliveryReport,
  decodeOutboundMessage,
  dlqTopicOf,
  Headers,
  encodeOutboundMessage,
  type DeliveryReport,
} from '@switchboard/contracts';
import { seedDemoTenant } from '@switchboard/demo';
import { newId } from '@switchboard/ids';
import { InProcessTransport } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack';
import { freePort } from './support/service-process';

/** An SMTP server that refuses connections: the reply is retried, reported FAILED and dead-lettered. */
describe('email sending when the SMTP server is unreachable', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: InProcessTransport;
  let channel: InProcessStack;
  const reports: DeliveryReport[] = [];
  const deadLetters: { messageId: string; error: string | undefined }[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase('email_send_failure');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    await seedDemoTenant(db);
    transport = new InProcessTransport();
    await transport.ensureTopics([...allTopics(), dlqTopicOf(Topics.outboundEmail)]);
    await transport.subscribe({
      topic: Topics.outboundStatus,
      groupId: 'test-reports',
      handler: async (records) => {
        reports.push(...records.map((r) => decodeDeliveryReport(r.value)));
      },
    });
    await transport.subscribe({
      topic: dlqTopicOf(Topics.outboundEmail),
      groupId: 'test-dlq',
      handler: async (records) => {
        deadLetters.push(
          ...records.map((r) => ({
            messageId: decodeOutboundMessage(r.value).messageId,
            error: r.headers[Headers.dlqError],
          })),
        );
      },
    });
    const closedPort = await freePort();
    const settings = {
      ...testMailboxSettings('demo', uniqueAddress('nosmtp')),
      smtp: { host: '127.0.0.1', port: closedPort, secure: false },
    };
    channel = await startInProcessStack({
      db,
      transport,
      email: {
        config: loadEmailChannelConfig({
          EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [settings] }),
          EMAIL_SEND_MAX_ATTEMPTS: '3',
        }),
        env: {},
      },
    });
  }, 60_000);

  afterAll(async () => {
    await channel.close();
    await transport.close();
    await db.close();
    await testDb.drop();
  });

  it('retries, then reports FAILED with the reason and dead-letters the OutboundMessage', async () => {
    const message = create(OutboundMessageSchema, {
      messageId: newId(),
      tenant: 'demo',
      ticketId: newId(),
      ticketNumber: 'SB-000321',
      channel: Channel.EMAIL,
      conversationKey: 'email:<x@customer.test>',
      recipient: { email: 'someone@customer.test' },
      subject: 'Re: Help',
      bodyText: 'Answer',
    });
    await transport.publish(Topics.outboundEmail, [
      { key: message.conversationKey, value: encodeOutboundMessage(message) },
    ]);
    const failed = await waitUntil('the FAILED report', async () =>
      reports.find((r) => r.messageId === message.messageId),
    );
    expect(failed.status).toBe(DeliveryReport_Status.FAILED);
    expect(failed.detail).toMatch(/ECONNREFUSED/);
    expect(failed.providerMessageId).toMatch(/^<.+@example\.test>$/);
    const letter = await waitUntil('the dead letter', async () =>
      deadLetters.find((d) => d.messageId === message.messageId),
    );
    // Given up after the configured three attempts (with the SDK's backoff between them).
    expect(letter.error).toMatch(/ECONNREFUSED.*given up after 3 delivery attempts/);
    const rows = await db.query<{ sent_at: Date | null }>(
      `SELECT sent_at FROM email_messages WHERE outbound_message_id = $1`,
      [message.messageId],
    );
    expect(rows).toEqual([{ sent_at: null }]);
    expect(reports.filter((r) => r.messageId === message.messageId)).toHaveLength(1);
  }, 30_000);
});
