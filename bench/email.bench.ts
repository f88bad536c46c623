/**
 * `npm run bench:email`: N mails delivered by SMTP into one GreenMail mailbox, then ingested by the
 * channel-email process (IMAP fetch → parse → Kafka) and the ticket-service process (→ Postgres), and
 * measured as mails/minute from the channel's start until the last one is a ticket message. In the
 * same run, the ceiling: the raw IMAP fetch rate of the same mailbox (UID SEARCH + FETCH of the full
 * source in batches of the same size, nothing else).
 */
import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { TEST_IMAP, TEST_SMTP, testMailboxSettings, uniqueAddress } from '@switchboard/channel-email/testing';
import { createTestDatabase } from '@switchboard/testing';
import { ServiceProcess } from '../e2e/support/service-process';
import { fmt } from './support/stats';
import { distributedEnv } from '@switchboard/testing';

const N = Number(process.env['BENCH_MAILS'] ?? 1_000);
const BATCH = Number(process.env['BENCH_EMAIL_BATCH'] ?? 100);
const perMinute = (count: number, ms: number): number => (ms > 0 ? (count * 60_000) / ms : Number.NaN);

async function deliverAll(support: string): Promise<number> {
  const smtp = nodemailer.createTransport({ ...TEST_SMTP, pool: true, maxConnections: 4 });
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < N; i++) {
    const customer = `customer${i % 200}@bench.test`;
    const text = `Request ${i}: ${randomBytes(300).toString('base64')}`;
    sends.push(smtp.sendMail({ from: customer, to: support, subject: `Bench request ${i}`, text }));
  }
  await Promise.all(sends);
  smtp.close();
  return performance.now() - started;
}

/** The ceiling: what IMAP alone delivers from this mailbox, fetched in batches as the channel does. */
async function rawImapFetchMs(support: string): Promise<{ ms: number; bytes: number; count: number }> {
  const client = new ImapFlow({ ...TEST_IMAP, auth: { user: support, pass: 'bench' }, logger: false });
  await client.connect();
  const lock = await client.getMailboxLock('INBOX');
  try {
    const started = performance.now();
    const uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
    let bytes = 0;
    let count = 0;
    for (let i = 0; i < uids.length; i += BATCH) {
      for await (const m of client.fetch(
        uids.slice(i, i + BATCH).join(','),
        { uid: true, source: true },
        { uid: true },
      )) {
        bytes += m.source?.length ?? 0;
        count += 1;
      }
    }
    return { ms: performance.now() - started, bytes, count };
  } finally {
    lock.release();
    await client.logout();
  }
}

const database = await createTestDatabase('bench_email');
const sql = new pg.Pool({ connectionString: database.url, max: 2 });
const support = uniqueAddress('bench');
const env = {
  ...distributedEnv('bench-email', database.url),
  LOG_LEVEL: 'warn',
  EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [testMailboxSettings('demo', support)] }),
  EMAIL_FETCH_BATCH_SIZE: String(BATCH),
};
const services: ServiceProcess[] = [];
try {
  const deliverMs = await deliverAll(support);
  const ticketService = new ServiceProcess('ticket-service', 'apps/ticket-service/src/main.ts', {
    ...env,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'info',
  });
  services.push(ticketService);
  await ticketService.waitFor(/ticket-service ready/);

  const raw = await rawImapFetchMs(support);

  const channel = new ServiceProcess('channel-email', 'apps/channel-email/src/main.ts', { ...env, LOG_LEVEL: 'info' });
  services.push(channel);
  await channel.waitFor(/channel-email ready/, 120_000);
  const started = performance.now();
  const count = async (): Promise<number> =>
    Number(
      (await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ticket_messages WHERE channel = 'email'`)).rows[0]?.n,
    );
  const deadline = Date.now() + 600_000;
  let done = 0;
  while ((done = await count()) < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const ingestMs = performance.now() - started;

  const ingestRate = perMinute(done, ingestMs);
  const rawRate = perMinute(raw.count, raw.ms);
  const lines = [
    '',
    `Switchboard email bench — ${fmt(N)} mails in one GreenMail mailbox, fetch batches of ${BATCH}`,
    `  ingest    IMAP → parse → Kafka → ticket-service → Postgres: ${fmt(ingestRate)} mails/min (${fmt(done)} ticketed in ${fmt(ingestMs)} ms)`,
    `  ceiling   raw IMAP fetch of the same mailbox (search + full source): ${fmt(rawRate)} mails/min (${fmt(raw.count)} mails, ${fmt(raw.bytes / 1024)} KiB in ${fmt(raw.ms)} ms)`,
    `  ratio     ingest / raw fetch = ${fmt(ingestRate / rawRate, 3)}`,
    `  (setup)   SMTP delivery of the ${fmt(N)} mails took ${fmt(deliverMs)} ms`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  if (done < N) process.exitCode = 1;
} finally {
  await Promise.all(services.map((s) => s.stop()));
  await sql.end();
  await database.drop();
}
