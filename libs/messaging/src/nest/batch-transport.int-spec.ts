import { Controller, Injectable } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { dlqTopicOf, Headers } from '@switchboard/contracts';
import { DomainException } from '@switchboard/errors';
import { defer, of } from 'rxjs';
import type { Observable } from 'rxjs';
import { outgoing, valueOf, waitFor } from '../kafka/testing/kafka-test-kit';
import type { BatchResult, IncomingRecord } from '../transport';
import { BatchEventPattern } from './batch-event-pattern.decorator';
import { MessagingModule } from './messaging.module';
import { startConsumers } from './start-consumers';
import { inProcess, kafka, reader } from './testing/transports-under-test';
import type { TransportUnderTest } from './testing/transports-under-test';

const topic = 'orders.v1';
type Behaviour = (records: readonly IncomingRecord[]) => Promise<BatchResult | void>;

class InvalidOrder extends DomainException<'invalid_order'> {
  readonly kind = 'invalid' as const;
}

const outage = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

async function eventually(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A provider injected into the consumers: proves Nest DI reaches consumer classes. */
@Injectable()
class Ledger {
  readonly batches: (readonly IncomingRecord[])[] = [];
  readonly audited: IncomingRecord[] = [];
  calls = 0;
  behave: Behaviour = async () => undefined;

  async handle(records: readonly IncomingRecord[]): Promise<BatchResult | void> {
    this.calls += 1;
    const result = await this.behave(records);
    this.batches.push(records);
    return result;
  }

  handled(): IncomingRecord[] {
    return this.batches.flat();
  }
}

@Controller()
class OrdersConsumer {
  constructor(private readonly ledger: Ledger) {}

  @BatchEventPattern(topic, {
    groupId: 'orders',
    maxWaitMs: 50,
    retry: { maxAttempts: 2, initialBackoffMs: 5, maxBackoffMs: 20 },
  })
  handle(records: readonly IncomingRecord[]): Promise<BatchResult | void> {
    return this.ledger.handle(records);
  }
}

/** A second group on the same topic whose handler returns an Observable, which the server must await. */
@Controller()
class AuditConsumer {
  constructor(private readonly ledger: Ledger) {}

  @BatchEventPattern(topic, { groupId: 'audit' })
  audit(records: readonly IncomingRecord[]): Observable<void> {
    return defer(() => {
      this.ledger.audited.push(...records);
      return of(undefined);
    });
  }
}

describe.each([
  ['in-process', inProcess],
  ['kafka', kafka],
])('BatchTransportServer on the %s transport', (_name, create) => {
  let under: TransportUnderTest;
  let app: INestApplication;
  let ledger: Ledger;

  beforeEach(async () => {
    under = create();
    await under.transport.ensureTopics([topic]);
    const moduleRef = await Test.createTestingModule({
      imports: [MessagingModule.forRoot('nest-int-spec', { transport: under.transport })],
      controllers: [OrdersConsumer, AuditConsumer],
      providers: [Ledger],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    ledger = app.get(Ledger);
  });
  afterEach(async () => {
    await app.close();
    await under.close();
  });

  const publish = (values: string[], key: (i: number) => string = () => 'k') =>
    under.transport.publish(
      topic,
      values.map((v, i) => outgoing(v, key(i))),
    );

  it('hands whole batches to the handler, keeps per-key order, runs every group', async () => {
    const values = Array.from({ length: 300 }, (_, i) => String(i));
    await publish(values, (i) => `key-${i % 10}`);
    await startConsumers(app);
    await waitFor('every record in both groups', () => ledger.handled().length >= 300 && ledger.audited.length >= 300);

    expect(ledger.handled().map(valueOf).sort()).toEqual([...values].sort());
    expect(Math.max(...ledger.batches.map((b) => b.length))).toBeGreaterThan(1);
    if (_name === 'in-process') expect(ledger.batches.map((b) => b.length)).toEqual([300]);
    const byKey = new Map<string, number[]>();
    for (const r of ledger.handled()) byKey.set(r.key, [...(byKey.get(r.key) ?? []), Number(valueOf(r))]);
    for (const sequence of byKey.values()) expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    expect(ledger.audited).toHaveLength(300);
  });

  it('retries a transient failure past the attempt budget without committing or dead-lettering', async () => {
    const dlq = await reader(under.transport, dlqTopicOf(topic), 'dlq-reader');
    let down = true;
    ledger.behave = async () => {
      if (down) throw outage();
    };
    await publish(Array.from({ length: 20 }, (_, i) => `v${i}`));
    await startConsumers(app);
    await waitFor('several failed attempts', () => ledger.calls >= 5);
    expect((await under.committed('orders', topic)) ?? 0).toBe(0);

    down = false;
    await waitFor('every record', () => ledger.handled().length >= 20);
    if (_name === 'kafka') await eventually('the commit', async () => (await under.committed('orders', topic)) === 20);
    await under.transport.publish(dlqTopicOf(topic), [outgoing('marker', 'k')]);
    await waitFor('the DLQ marker', () => dlq.length > 0);
    expect(dlq.map(valueOf)).toEqual(['marker']);
    expect(ledger.handled().map(valueOf)).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
  });

  it('dead-letters the record that fails permanently, with the error in headers, and handles the rest', async () => {
    const dlq = await reader(under.transport, dlqTopicOf(topic), 'dlq-reader');
    ledger.behave = async (records) => {
      if (records.some((r) => valueOf(r) === 'bad')) throw new InvalidOrder('invalid_order', 'order has no lines');
    };
    await publish(['a', 'b', 'bad', 'c']);
    await startConsumers(app);
    await waitFor('the others and the dead letter', () => ledger.handled().length >= 3 && dlq.length >= 1);

    expect(ledger.handled().map(valueOf)).toEqual(['a', 'b', 'c']);
    expect(dlq.map(valueOf)).toEqual(['bad']);
    expect(dlq[0]?.headers).toMatchObject({
      [Headers.dlqError]: 'order has no lines',
      [Headers.dlqErrorName]: 'InvalidOrder',
      [Headers.dlqAttempts]: '1',
      [Headers.dlqOriginalTopic]: topic,
      [Headers.dlqOriginalOffset]: '2',
    });
  });

  it('commits offsets only after the handler resolved', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    ledger.behave = () => gate;
    await publish(['a', 'b', 'c']);
    await startConsumers(app);
    await waitFor('the handler to be called', () => ledger.calls > 0);
    // A server that does not await the handler commits as soon as it returned its promise.
    try {
      for (let i = 0; i < 5; i++) {
        expect((await under.committed('orders', topic)) ?? 0).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      release();
    }
    await waitFor('every record', () => ledger.handled().length >= 3);
    if (_name === 'kafka') await eventually('the commit', async () => (await under.committed('orders', topic)) === 3);
  });
});
