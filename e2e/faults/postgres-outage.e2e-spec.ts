import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '@switchboard/config';
import { Topics, dlqTopicOf } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { createTransport, type Transport } from '@switchboard/messaging';
import { openDatabase } from '@switchboard/persistence';
import { createTestDatabase, distributedEnv, type TestDatabase } from '@switchboard/testing';
import { DeadLetterWatch } from '../support/dead-letter-watch';
import { SteadyPublisher, conversationStream } from '../support/inbound-stream';
import { ServiceProcess } from '../support/service-process';
import { TcpProxy } from '../support/tcp-proxy';

const TENANT = 'outage';
const CONVERSATIONS = 16;
const MESSAGES = 800; // 40 s at 20 messages/s
const PER_SECOND = 20;
const CUT_AFTER = 100; // ~5 s into the stream
const OUTAGE_MS = 20_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done()` holds; fails with `describe()` when `timeoutMs` runs out. */
async function waitUntil(done: () => Promise<boolean>, timeoutMs: number, describe: () => Promise<string>) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(await describe());
    await sleep(250);
  }
}

/** What /health/ready answers; 0 when it does not answer within the request's own timeout. */
async function readiness(service: ServiceProcess): Promise<number> {
  try {
    return (await fetch(`${service.url}/health/ready`, { signal: AbortSignal.timeout(3_000) })).status;
  } catch {
    return 0;
  }
}

/**
 * A Postgres outage as the ticket-service sees it, without stopping the Postgres every parallel test
 * shares: the service reaches Postgres through a TCP proxy in this process, which drops every
 * connection and refuses new ones for 20 s while InboundMessages keep arriving on Kafka. Transient
 * failures must hold the batches back (partition paused, nothing committed) and not dead-letter them.
 */
describe('Postgres outage under a steady stream: nothing lost, nothing dead-lettered', () => {
  const runId = randomUUID().slice(0, 8);
  let database: TestDatabase;
  let sql: pg.Pool;
  let proxy: TcpProxy;
  let service: ServiceProcess;
  let transport: Transport;
  let deadLetters: DeadLetterWatch;
  let tenantId: string;
  let partitions: number;

  beforeAll(async () => {
    database = await createTestDatabase('e2e_outage');
    // Migrated directly, not through the proxy: the outage is the test, not the set-up.
    const direct = await openDatabase(loadConfig(distributedEnv('e2e-outage', database.url)));
    tenantId = newId();
    await direct.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, 'Outage Co')`, [tenantId, TENANT]);
    await direct.close();
    sql = new pg.Pool({ connectionString: database.url, max: 2 });
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
    const proxied = new URL(database.url);
    proxied.port = String(proxy.port);
    const env = distributedEnv('e2e-outage', proxied.toString());
    const config = loadConfig(env);
    partitions = config.kafka?.partitions ?? 1;
    service = new ServiceProcess('ticket-service', 'apps/ticket-service/src/main.ts', env);
    await service.waitFor(/ticket-service ready/, 90_000);
    transport = createTransport(config, 'outage-test');
    await transport.ensureTopics([Topics.inboundMessages]);
    deadLetters = await DeadLetterWatch.start(transport, dlqTopicOf(Topics.inboundMessages), runId);
  }, 180_000);

  afterAll(async () => {
    await deadLetters?.close();
    await transport?.close();
    const code = await service?.stop();
    await proxy?.close();
    await sql?.end();
    await database?.drop();
    expect(code).toBe(0); // it shut down cleanly: it did not die during the outage
  }, 60_000);

  const count = async (query: string, params: unknown[] = []): Promise<number> =>
    Number((await sql.query<{ n: string }>(query, params)).rows[0]?.n ?? 0);
  const stored = (): Promise<number> => count('SELECT count(*) AS n FROM ticket_messages');

  /** Polls /health/ready until it answers `status`; fails with what it answered instead. */
  const readinessBecomes = async (status: number, timeoutMs: number): Promise<void> => {
    const answers: number[] = [];
    await waitUntil(
      async () => {
        answers.push(await readiness(service));
        return answers.at(-1) === status;
      },
      timeoutMs,
      async () => `/health/ready did not answer ${status}: ${answers.slice(-10).join(', ')}`,
    );
  };

  /** Streams the messages and cuts Postgres off for OUTAGE_MS from the CUT_AFTER-th message on. */
  const streamThroughOutage = async (publisher: SteadyPublisher) => {
    const streaming = publisher.run();
    await Promise.race([publisher.reached(CUT_AFTER), streaming]);
    expect(await readiness(service)).toBe(200);
    await proxy.cut();
    const cutAt = Date.now();
    await readinessBecomes(503, OUTAGE_MS / 2);
    await sleep(cutAt + OUTAGE_MS - Date.now());
    const held = { stored: await stored(), published: publisher.published };
    await proxy.restore();
    await streaming;
    return held;
  };

  /** Every message once, each conversation on one ticket in publish order (UUIDv7 ids follow store order). */
  const expectTicketedOnceInOrder = async (stream: ReturnType<typeof conversationStream>): Promise<void> => {
    const { rows } = await sql.query<{ channel_message_id: string; ticket_id: string }>(
      'SELECT channel_message_id, ticket_id FROM ticket_messages ORDER BY id',
    );
    const times = new Map<string, number>();
    for (const row of rows) times.set(row.channel_message_id, (times.get(row.channel_message_id) ?? 0) + 1);
    expect(stream.map((s) => s.message.channelMessageId).filter((id) => times.get(id) !== 1)).toEqual([]);
    expect(rows).toHaveLength(MESSAGES);
    for (let c = 0; c < CONVERSATIONS; c++) {
      const sent = stream.filter((s) => s.conversation === c).map((s) => s.message.channelMessageId);
      const kept = rows.filter((r) => sent.includes(r.channel_message_id));
      expect(kept.map((r) => r.channel_message_id)).toEqual(sent);
      expect(new Set(kept.map((r) => r.ticket_id)).size).toBe(1);
    }
    expect(await count('SELECT count(*) AS n FROM tickets')).toBe(CONVERSATIONS);
  };

  it('tickets every message exactly once, in order, dead-letters none, and recovers its readiness', async () => {
    const stream = conversationStream({ runId, tenant: TENANT, conversations: CONVERSATIONS, messages: MESSAGES });
    const publisher = new SteadyPublisher(
      transport,
      stream.map((s) => s.message),
      PER_SECOND,
    );
    const held = await streamThroughOutage(publisher);
    await waitUntil(
      async () => deadLetters.deadLetters.length > 0 || (await stored()) >= MESSAGES,
      180_000,
      async () => `${await stored()} of ${MESSAGES} messages stored after the outage\n${service.log.slice(-4_000)}`,
    );
    expect(deadLetters.deadLetters).toEqual([]);
    // The outage was felt: connections were dropped, and messages that arrived during it waited for it to end.
    expect(proxy.severed).toBeGreaterThan(0);
    expect(held.stored).toBeLessThan(held.published);
    await expectTicketedOnceInOrder(stream);
    await readinessBecomes(200, 60_000);
    // The outbox relay survived too: every ticket event and receipt left for Kafka.
    await waitUntil(
      async () => (await count('SELECT count(*) AS n FROM outbox')) === 0,
      60_000,
      async () => `outbox still holds ${await count('SELECT count(*) AS n FROM outbox')} rows`,
    );
    // Proven, not assumed: sentinels on every partition were read back, so every dead letter before them was too.
    expect(await deadLetters.proveRead(64, 60_000)).toBe(partitions);
    expect(deadLetters.deadLetters).toEqual([]);
    const rows = await count('SELECT count(*) AS n FROM ticket_messages');
    const distinct = await count('SELECT count(DISTINCT channel_message_id) AS n FROM ticket_messages');
    const report = {
      scenario: 'postgres outage (connections dropped, refused 20 s)',
      sent: MESSAGES,
      stored: distinct,
    };
    console.log(
      `[fault] ${JSON.stringify({ ...report, duplicates: rows - distinct, missing: MESSAGES - distinct, deadLettered: 0 })}`,
    );
  }, 300_000);
});
