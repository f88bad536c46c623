/**
 * `npm run bench:webhooks`: the webhook pipeline on Postgres. Enqueue: batches of ticket events →
 * delivery rows (EnqueueWebhookDeliveriesUseCase, one statement per batch), against the raw ceiling of
 * inserting rows of the same shape with the same statement into an unindexed table. Dispatch:
 * DispatchWebhooksUseCase passes (claim, signed POSTs in parallel, record) to a local receiver that
 * answers 204 at once, against the raw ceiling of the same number of POSTs with the same HTTP client
 * (postOutbound), as parallel.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  create,
  StatusChangedSchema,
  TicketEventSchema,
  timestampFromDate,
  type TicketEvent,
} from '@switchboard/contracts';
import { loadConfig } from '@switchboard/config';
import { newId } from '@switchboard/ids';
import {
  DispatchWebhooksUseCase,
  EnqueueWebhookDeliveriesUseCase,
  HttpWebhookSender,
  ManageWebhooksUseCase,
} from '@switchboard/integrations';
import { openDatabase } from '@switchboard/persistence';
import { createTestDatabase, testContext } from '@switchboard/testing';
import { postOutbound } from '@switchboard/http';
import { fmt, percentile, perSecond } from './support/stats';

const N = Number(process.env['BENCH_EVENTS'] ?? 5_000);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 500);
const SEND_BATCH = Number(process.env['BENCH_SEND_BATCH'] ?? 50);
/** The bench's receiver is on this host, which the default outbound policy refuses. */
const LOCAL_RECEIVER = { allowPrivateNetworks: true } as const;

const spread = (ms: readonly number[]): string =>
  `p50 ${fmt(percentile(ms, 50), 1)} ms, p99 ${fmt(percentile(ms, 99), 1)} ms, max ${fmt(percentile(ms, 100), 1)} ms`;

async function timed(times: number[], fn: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  await fn();
  times.push(performance.now() - t0);
}

async function main(): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  const testDb = await createTestDatabase('bench_webhooks');
  const db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
  try {
    const tenant = await testContext(db).newTenant();
    const admin = await tenant.agent({ role: 'admin' });
    await new ManageWebhooksUseCase(db, LOCAL_RECEIVER).create(tenant.id, admin.id, {
      url,
      events: ['ticket.status_changed'],
    });
    const events: TicketEvent[] = Array.from({ length: N }, () =>
      create(TicketEventSchema, {
        eventId: newId(),
        tenant: tenant.slug,
        ticketId: newId(),
        occurredAt: timestampFromDate(new Date()),
        payload: { case: 'statusChanged', value: create(StatusChangedSchema, { from: 'new', to: 'in_progress' }) },
      }),
    );

    const enqueue = new EnqueueWebhookDeliveriesUseCase(db);
    const enqueueMs: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < N; i += BATCH) await timed(enqueueMs, () => enqueue.execute(events.slice(i, i + BATCH)));
    const enqueueTotal = performance.now() - t0;

    await db.query(`CREATE TABLE bench_rows (id uuid, payload jsonb, at timestamptz)`);
    const rawMs: number[] = [];
    const r0 = performance.now();
    for (let i = 0; i < N; i += BATCH) {
      const slice = events.slice(i, i + BATCH);
      await timed(rawMs, () =>
        db.query(`INSERT INTO bench_rows SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::timestamptz[])`, [
          slice.map(() => newId()),
          slice.map((e) => JSON.stringify({ event: 'ticket.status_changed', eventId: e.eventId })),
          slice.map(() => new Date().toISOString()),
        ]),
      );
    }
    const rawTotal = performance.now() - r0;

    const dispatch = new DispatchWebhooksUseCase(db, new HttpWebhookSender(10_000, LOCAL_RECEIVER), {
      batchSize: SEND_BATCH,
      disableAfterFailures: 1_000_000,
      leaseMs: 60_000,
    });
    const passMs: number[] = [];
    let delivered = 0;
    const d0 = performance.now();
    for (;;) {
      const t = performance.now();
      const result = await dispatch.execute();
      if (result.attempted === 0) break;
      passMs.push(performance.now() - t);
      delivered += result.delivered;
    }
    const dispatchTotal = performance.now() - d0;

    const fetchMs: number[] = [];
    const f0 = performance.now();
    for (let i = 0; i < N; i += SEND_BATCH) {
      const slice = events.slice(i, i + SEND_BATCH);
      await timed(fetchMs, () =>
        Promise.all(
          slice.map(() => postOutbound({ url, headers: {}, body: '{}', timeoutMs: 10_000, policy: LOCAL_RECEIVER })),
        ),
      );
    }
    const fetchTotal = performance.now() - f0;

    console.log(`webhooks bench: ${fmt(N)} events, enqueue batches of ${BATCH}, dispatch passes of ${SEND_BATCH}`);
    console.log(
      `  enqueue (EnqueueWebhookDeliveriesUseCase): ${fmt(perSecond(N, enqueueTotal))} events/s; batch ${spread(enqueueMs)}`,
    );
    console.log(
      `  raw ceiling, INSERT … unnest of the same rows: ${fmt(perSecond(N, rawTotal))} rows/s; batch ${spread(rawMs)}`,
    );
    console.log(
      `  dispatch (claim, sign, POST, record): ${fmt(perSecond(delivered, dispatchTotal))} deliveries/s (${fmt(delivered)} delivered); pass ${spread(passMs)}`,
    );
    console.log(
      `  raw ceiling, plain POSTs ${SEND_BATCH} at a time: ${fmt(perSecond(N, fetchTotal))} requests/s; group ${spread(fetchMs)}`,
    );
    if (delivered !== N) throw new Error(`delivered ${delivered} of ${N}`);
  } finally {
    await db.close();
    await testDb.drop();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
