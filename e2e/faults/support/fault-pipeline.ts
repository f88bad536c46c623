import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '@switchboard/config';
import { Topics, dlqTopicOf, type InboundMessage } from '@switchboard/contracts';
import { createTransport, type Transport } from '@switchboard/messaging';
import { createTestDatabase, distributedEnv, type TestDatabase } from '@switchboard/testing';
import { DeadLetterWatch } from '../../support/dead-letter-watch';
import { conversationStream } from '../../support/inbound-stream';
import { ServiceProcess } from '../../support/service-process';
import { settleTimeoutMs } from './fault-scale';
import { ResilientPublisher } from './resilient-publisher';

export type PipelineService = 'ticket-service' | 'routing-service';

const ENTRIES: Record<PipelineService, string> = {
  'ticket-service': 'apps/ticket-service/src/main.ts',
  'routing-service': 'apps/routing-service/src/main.ts',
};

/** The demo tenant the ticket service seeds: its agents give routing someone to assign to. */
export const FAULT_TENANT = 'demo';

export interface FaultReport {
  readonly scenario: string;
  readonly sent: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly deadLettered: number;
  readonly publishRetries: number;
  readonly unassignedOrQueued?: number;
  readonly assigned?: number;
  readonly agentsOverCapacity?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The distributed pipeline on real Kafka, Postgres and Redis for one fault scenario: its own database
 * and topic prefix, ticket-service (and routing-service) as OS processes that a scenario may kill and
 * start again, a transport for the generator and watches on the dead-letter topics.
 */
export class FaultPipeline {
  readonly runId = randomUUID().slice(0, 8);
  readonly running: ServiceProcess[] = [];
  private deadLetters: DeadLetterWatch[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly sql: pg.Pool,
    readonly env: Record<string, string>,
    readonly transport: Transport,
  ) {}

  static async start(label: string, overrides: Record<string, string> = {}): Promise<FaultPipeline> {
    const database = await createTestDatabase(`fault_${label}`);
    const env = { ...distributedEnv(`fault-${label}`, database.url), ...overrides };
    const transport = createTransport(loadConfig(env), `fault-${label}-generator`);
    const pipeline = new FaultPipeline(
      database,
      new pg.Pool({ connectionString: database.url, max: 2 }),
      env,
      transport,
    );
    await transport.ensureTopics([Topics.inboundMessages, Topics.ticketEvents]);
    pipeline.deadLetters = await Promise.all(
      // One consumer group per watch: two topics' members in one group would split their partitions.
      [Topics.inboundMessages, Topics.ticketEvents].map((topic, i) =>
        DeadLetterWatch.start(transport, dlqTopicOf(topic), `${pipeline.runId}-${i}`),
      ),
    );
    return pipeline;
  }

  /** Starts one instance and waits for its ready line; the first ticket-service seeds the demo tenant. */
  async startService(service: PipelineService): Promise<ServiceProcess> {
    const seed: Record<string, string> = service === 'ticket-service' ? { SEED_DEMO: 'true' } : {};
    const process = new ServiceProcess(service, ENTRIES[service], { ...this.env, ...seed });
    this.running.push(process);
    await process.waitFor(new RegExp(`${service} ready`), 120_000);
    return process;
  }

  /** kill -9: no shutdown hook runs, whatever batch it held is neither committed nor finished. */
  async kill(service: ServiceProcess): Promise<void> {
    const pid = service.pid;
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
    await service.stop();
    this.running.splice(this.running.indexOf(service), 1);
  }

  /**
   * Streams `messages` over `conversations` at `perSecond`, runs `fault` once a third is acknowledged,
   * then waits until everything is stored (and routed, with `routing`); resolves with the report.
   */
  async streamThrough(
    scenario: string,
    plan: { messages: number; conversations: number; perSecond: number; routing?: boolean },
    fault: () => Promise<void>,
  ): Promise<FaultReport> {
    const publisher = new ResilientPublisher(
      this.transport,
      this.stream(plan.messages, plan.conversations),
      plan.perSecond,
    );
    const publishing = publisher.run();
    await publisher.reached(Math.floor(plan.messages / 3));
    await fault();
    await publishing;
    await this.settle(plan.messages, settleTimeoutMs(plan.messages));
    if (plan.routing) await this.settleRouting(120_000);
    return this.report(scenario, plan.messages, publisher.retries, plan.routing ?? false);
  }

  stream(messages: number, conversations: number): InboundMessage[] {
    return conversationStream({ runId: this.runId, tenant: FAULT_TENANT, conversations, messages }).map(
      (s) => s.message,
    );
  }

  private async storedCounts(): Promise<{ rows: number; distinct: number }> {
    const { rows } = await this.sql.query<{ rows: string; distinct: string }>(
      `SELECT count(*) AS rows, count(DISTINCT channel_message_id) AS distinct FROM ticket_messages
        WHERE channel_message_id LIKE $1`,
      [`${this.runId}-%`],
    );
    return { rows: Number(rows[0]?.rows ?? 0), distinct: Number(rows[0]?.distinct ?? 0) };
  }

  /** Waits until every sent message is stored (or time runs out: the report then shows what is missing). */
  async settle(sent: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.storedCounts()).distinct < sent && Date.now() < deadline) await sleep(500);
  }

  /** Waits until routing has decided every ticket of the run (assigned or queued), or time runs out. */
  async settleRouting(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.undecidedTickets()) > 0 && Date.now() < deadline) await sleep(500);
  }

  private async undecidedTickets(): Promise<number> {
    const { rows } = await this.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM tickets t WHERE t.status = 'new' AND t.team_id IS NULL`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  private async assignedTickets(): Promise<number> {
    const { rows } = await this.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM tickets WHERE assignee_id IS NOT NULL`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Agents holding more open tickets than their capacity: must always be 0. */
  async agentsOverCapacity(): Promise<number> {
    const { rows } = await this.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM (
         SELECT a.id FROM agents a JOIN tickets t ON t.assignee_id = a.id
          WHERE t.status NOT IN ('resolved', 'closed')
          GROUP BY a.id, a.capacity HAVING count(*) > a.capacity) over`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Counts what became of the stream and prints it as one line; dead letters are proven read first. */
  async report(scenario: string, sent: number, publishRetries: number, routing = false): Promise<FaultReport> {
    for (const watch of this.deadLetters) await watch.proveRead(12, 60_000);
    const stored = await this.storedCounts();
    const report: FaultReport = {
      scenario,
      sent,
      stored: stored.distinct,
      duplicates: stored.rows - stored.distinct,
      missing: sent - stored.distinct,
      deadLettered: this.deadLetters.reduce((n, watch) => n + watch.deadLetters.length, 0),
      publishRetries,
      ...(routing
        ? {
            unassignedOrQueued: await this.undecidedTickets(),
            assigned: await this.assignedTickets(),
            agentsOverCapacity: await this.agentsOverCapacity(),
          }
        : {}),
    };
    console.log(`[fault] ${JSON.stringify(report)}`);
    return report;
  }

  async stop(): Promise<void> {
    await Promise.all(this.deadLetters.map((watch) => watch.close()));
    await Promise.all(this.running.map((service) => service.stop()));
    await this.transport.close();
    await this.sql.end();
    await this.database.drop();
  }
}
