import { loadEmailChannelConfig } from '@switchboard/channel-email';
import { deliver, readInbox, testMailboxSettings, uniqueAddress, waitUntil } from '@switchboard/channel-email/testing';
import { loadConfig } from '@switchboard/config';
import { seedDemoTenant } from '@switchboard/demo';
import { InProcessTransport } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack';
import { newMessageId } from './support/mail-fixtures';

interface StoredMessage {
  ticket_id: string;
  number: string;
  subject: string;
  body_text: string;
  customer_email: string;
}

/** Intake against the real mail server and Postgres, with the ticket service in the same process. */
describe('email intake (GreenMail IMAP IDLE → tickets)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: InProcessTransport;
  let tickets: InProcessStack | undefined;
  /** The email channel runs as a Nest app of its own over the same transport, so it can restart alone. */
  let channel: InProcessStack | undefined;
  const support = uniqueAddress('support');

  const startChannel = async (batchSize = 100): Promise<InProcessStack> => {
    const config = loadEmailChannelConfig({
      EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [testMailboxSettings('demo', support)] }),
      EMAIL_FETCH_BATCH_SIZE: String(batchSize),
    });
    channel = await startInProcessStack({ db, transport, email: { config, env: {} } });
    return channel;
  };

  const messageOf = async (messageId: string): Promise<StoredMessage | undefined> => {
    const rows = await db.query<StoredMessage>(
      `SELECT m.ticket_id, t.number, m.subject, m.body_text, i.value AS customer_email
         FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
         JOIN customer_identities i ON i.customer_id = m.customer_id AND i.kind = 'email'
        WHERE m.channel = 'email' AND m.channel_message_id = $1`,
      [messageId],
    );
    return rows[0];
  };
  const countEmailMessages = async (): Promise<number> =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM ticket_messages WHERE channel = 'email' AND direction = 'inbound'`,
        )
      )[0]?.n,
    );

  beforeAll(async () => {
    testDb = await createTestDatabase('email_intake');
    const env = { DATABASE_URL: testDb.url };
    db = await openDatabase(loadConfig(env));
    await seedDemoTenant(db);
    transport = new InProcessTransport();
    tickets = await startInProcessStack({ db, transport, env, features: ['tickets'] });
  }, 60_000);

  afterAll(async () => {
    await channel?.close();
    await tickets?.close();
    await transport.close();
    await db.close();
    await testDb.drop();
  }, 60_000);

  it('turns a mail into a ticket, acknowledges it with the number, and threads the reply to the acknowledgement', async () => {
    await startChannel();
    const customer = uniqueAddress('li.wei', 'customer.test');
    const first = newMessageId();
    await deliver({
      from: `Li Wei <${customer}>`,
      to: support,
      subject: 'Printer jammed',
      text: 'It jams.',
      messageId: first,
    });
    const ticket = await waitUntil('the ticket', () => messageOf(first));
    expect(ticket).toMatchObject({ subject: 'Printer jammed', body_text: 'It jams.', customer_email: customer });

    const [ack] = await waitUntil('the acknowledgement', async () => {
      const inbox = await readInbox(customer);
      return inbox.length > 0 ? inbox : undefined;
    });
    expect(ack?.parsed.subject).toBe(`[#${ticket.number}] We received your request: Printer jammed`);
    expect(ack?.parsed.inReplyTo).toBe(first);
    expect(ack?.parsed.headers.get('auto-submitted')).toEqual(['auto-replied']);
    expect(ack?.parsed.text).toContain(ticket.number);

    const reply = newMessageId();
    await deliver({
      from: customer,
      to: support,
      subject: `Re: ${ack?.parsed.subject ?? ''}`,
      text: 'More details: page 2 jams.\n\nOn Tue, Support wrote:\n> We received your request',
      messageId: reply,
      inReplyTo: ack?.parsed.messageId ?? '',
      references: [first, ack?.parsed.messageId ?? ''],
    });
    const appended = await waitUntil('the reply', () => messageOf(reply));
    expect(appended.ticket_id).toBe(ticket.ticket_id);
    expect(appended.body_text).toBe('More details: page 2 jams.');
    // Appending is not acknowledged: the customer still has one mail from us.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await readInbox(customer)).toHaveLength(1);
  });

  it('never makes a ticket from, nor answers, an out-of-office reply', async () => {
    const customer = uniqueAddress('away', 'customer.test');
    const before = await countEmailMessages();
    const ooo = newMessageId();
    await deliver({
      from: customer,
      to: support,
      subject: 'Automatic reply: Printer jammed',
      text: 'I am out of the office.',
      messageId: ooo,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const sentinel = newMessageId();
    await deliver({ from: customer, to: support, subject: 'Sentinel', text: 'after the OOO', messageId: sentinel });
    await waitUntil('the sentinel', () => messageOf(sentinel));
    expect(await messageOf(ooo)).toBeUndefined();
    expect(await countEmailMessages()).toBe(before + 1);
    expect(channel?.channel.counters.get('noise_auto_submitted')).toBeGreaterThanOrEqual(1);
    const inbox = await waitUntil('the sentinel acknowledgement', async () => {
      const mails = await readInbox(customer);
      return mails.length > 0 ? mails : undefined;
    });
    expect(inbox.map((m) => m.parsed.subject)).toEqual([expect.stringContaining('Sentinel')]);
  });

  it('threads a reply fetched in the same batch as the mail it answers', async () => {
    await channel?.close();
    const customer = uniqueAddress('quick', 'customer.test');
    const [question, followUp] = [newMessageId(), newMessageId()];
    await deliver({ from: customer, to: support, subject: 'Login fails', text: 'Cannot log in.', messageId: question });
    await deliver({
      from: customer,
      to: support,
      subject: 'Re: Login fails',
      text: 'Error code 42.',
      messageId: followUp,
      inReplyTo: question,
      references: [question],
    });
    await startChannel();
    const first = await waitUntil('the question', () => messageOf(question));
    const second = await waitUntil('the follow-up', () => messageOf(followUp));
    expect(second.ticket_id).toBe(first.ticket_id);
  });

  it('loses and duplicates nothing across restarts mid-stream and a UIDVALIDITY change', async () => {
    await channel?.close();
    const customer = uniqueAddress('bulk', 'customer.test');
    const ids = Array.from({ length: 24 }, () => newMessageId());
    for (const [i, id] of ids.entries()) {
      await deliver({ from: customer, to: support, subject: `Request ${i}`, text: `number ${i}`, messageId: id });
    }
    const before = await countEmailMessages();
    // Small batches, stopped as soon as some went through: the rest must come after the restart.
    const partial = await startChannel(4);
    await waitUntil('some of the mails', async () => ((await countEmailMessages()) > before ? true : undefined));
    await partial.close();
    const midway = (await countEmailMessages()) - before;
    expect(midway).toBeLessThan(ids.length);
    await startChannel(4);
    await waitUntil(
      'every mail',
      async () => ((await countEmailMessages()) === before + ids.length ? true : undefined),
      30_000,
    );
    await channel?.close();

    // A new UIDVALIDITY makes every UID stale: the channel reads the whole mailbox again.
    await db.query(`UPDATE email_mailbox_cursors SET uid_validity = uid_validity + 1, last_uid = 0`);
    const resync = await startChannel();
    await waitUntil('the re-sync', async () => {
      const rows = await db.query<{ last_uid: string }>(`SELECT last_uid FROM email_mailbox_cursors`);
      return Number(rows[0]?.last_uid) > 0 ? true : undefined;
    });
    await resync.channel.syncNow();
    expect(resync.channel.counters.get('already_ticketed')).toBeGreaterThanOrEqual(ids.length);
    expect(resync.channel.counters.get('published')).toBe(0);
    expect(await countEmailMessages()).toBe(before + ids.length);
    for (const id of ids) expect(await messageOf(id)).toBeDefined();
    // 24 new tickets from one sender, but acknowledgements are limited to 3 per sender and hour.
    const acks = await readInbox(customer);
    expect(acks).toHaveLength(3);
    expect(acks.every((m) => /^\[#SB-\d+\] We received your request: Request \d+$/.test(m.parsed.subject))).toBe(true);
  }, 90_000);
});
