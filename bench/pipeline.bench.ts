/**
 * `npm run bench`: N inbound messages through the distributed pipeline (Kafka → ticket-service →
 * Postgres → outbox → Kafka → routing-service → Redis + Postgres → Kafka), measured end to end, and in
 * the same run the raw ceilings it is compared to: Kafka produce of the same payloads with the same
 * client, and Postgres insert of the same rows in the same batch size.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { loadConfig } from '@switchboard/config';
import { Topics, encodeInboundMessage } from '@switchboard/contracts';
import { createTransport } from '@switchboard/messaging';
import { openDatabase } from '@switchboard/persistence';
import { createTestDatabase, factory } from '@switchboard/testing';
import { ServiceProcess } from '../e2e/support/service-process';
import { kafkaProduceCeiling, postgresInsertCeiling } from './support/ceilings';
import { PipelineObserver } from './support/pipeline-observer';
import { classifyPipelineProcess, cpuBetween, cpuSnapshot } from './support/cpu-meter';
import { fmt, percentile, perSecond } from './support/stats';
import { distributedEnv, kafkaBrokers } from '@switchboard/testing';

const N = Number(process.env['BENCH_MESSAGES'] ?? 20_000);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 500);

const database = await createTestDatabase('bench');
const env = {
  ...distributedEnv('bench', database.url),
  LOG_LEVEL: 'warn',
};
const config = loadConfig(env);
const db = await openDatabase(config);
const transport = createTransport(config, 'bench');
const services: ServiceProcess[] = [];
try {
  services.push(
    new ServiceProcess('ticket-service', 'apps/ticket-service/src/main.ts', {
      ...env,
      SEED_DEMO: 'true',
      LOG_LEVEL: process.env['BENCH_SERVICE_LOG_LEVEL'] ?? 'info',
    }),
  );
  await services[0]?.waitFor(/ticket-service ready/);
  // Demo agents hold 20 tickets each; the bench measures routing, not the queue, so give them room.
  await db.query(`UPDATE agents SET capacity = 1000000`);
  services.push(
    new ServiceProcess('routing-service', 'apps/routing-service/src/main.ts', {
      ...env,
      LOG_LEVEL: process.env['BENCH_SERVICE_LOG_LEVEL'] ?? 'info',
    }),
  );
  await services[1]?.waitFor(/routing-service ready/);

  const observer = new PipelineObserver();
  await observer.start(transport, `bench-${randomUUID()}`);
  const messages = Array.from({ length: N }, () =>
    factory.inboundMessage({ tenant: 'demo', email: `c${Math.floor(Math.random() * 5_000)}@example.com` }),
  );
  const sentAt = new Map<string, number>();
  const classify = classifyPipelineProcess(
    new Map(services.flatMap((s) => (s.pid === undefined ? [] : [[s.pid, s.name] as const]))),
  );
  const cpuBefore = cpuSnapshot(classify);
  const started = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    const slice = messages.slice(i, i + BATCH);
    const now = performance.now();
    for (const m of slice) sentAt.set(m.messageId, now);
    await transport.publish(
      Topics.inboundMessages,
      slice.map((m) => ({ key: m.conversationKey, value: encodeInboundMessage(m) })),
    );
  }
  const published = performance.now();
  const deadline = Date.now() + 300_000;
  while (!observer.done(N) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const finished = performance.now();
  const cpu = cpuBetween(cpuBefore, cpuSnapshot(classify));
  const latencies = messages.flatMap((m) => {
    const ticket = observer.ticketOfMessage.get(m.messageId);
    const at = ticket ? observer.assignedAt.get(ticket) : undefined;
    const sent = sentAt.get(m.messageId);
    return at !== undefined && sent !== undefined ? [at - sent] : [];
  });
  await observer.stop();

  const kafkaMs = await kafkaProduceCeiling(transport, N, BATCH);
  const [tenant] = await db.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'demo'`);
  const cpuBeforeInserts = cpuSnapshot(classify);
  const pgMs = await postgresInsertCeiling(db, tenant?.id ?? '', N, BATCH);
  const insertCpu = new Map(cpuBetween(cpuBeforeInserts, cpuSnapshot(classify)));

  const pipelineRate = perSecond(latencies.length, finished - started);
  const kafkaRate = perSecond(N, kafkaMs);
  const pgRate = perSecond(N, pgMs);
  const lines = [
    '',
    `Switchboard pipeline bench — ${fmt(N)} messages, batches of ${BATCH}, 2 services as processes, Kafka ${kafkaBrokers()}`,
    `  pipeline  ingest→assigned: ${fmt(pipelineRate)} msgs/s  (${fmt(latencies.length)} assigned, ${fmt(observer.queued.size)} queued, publish took ${fmt(published - started)} ms)`,
    `            latency ingest→assigned: p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms, max ${fmt(percentile(latencies, 100))} ms`,
    `  CPU       during the pipeline run (${fmt((finished - started) / 1000, 1)} s wall, ${fmt(availableParallelism())} cores): ${fmt(
      cpu.reduce((sum, [, ms]) => sum + ms, 0) / N,
      3,
    )} ms CPU per message in all`,
    ...cpu.map(([component, ms]) => `            ${component}: ${fmt(ms / N, 3)} ms/msg (${fmt(ms / 1000, 1)} s)`),
    `  ceiling   Kafka produce (same payloads, same client, acks=all): ${fmt(kafkaRate)} msgs/s`,
    `  ceiling   Postgres insert (same rows: customer+ticket+message+event+outbox, one tx per batch): ${fmt(pgRate)} msgs/s, ${fmt((insertCpu.get('postgres') ?? 0) / N, 3)} ms Postgres CPU per message`,
    `  ratios    pipeline / Kafka ceiling = ${fmt(pipelineRate / kafkaRate, 3)}, pipeline / Postgres ceiling = ${fmt(pipelineRate / pgRate, 3)}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  if (latencies.length < N) process.exitCode = 1;
} finally {
  await Promise.all(services.map((s) => s.stop()));
  const logDir = process.env['BENCH_LOG_DIR'];
  if (logDir) for (const s of services) writeFileSync(`${logDir}/${s.name}.log`, s.log);
  await transport.close();
  await db.close();
  await database.drop();
}
