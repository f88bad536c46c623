import { newId as makeId } from '@switchboard/ids';
import {
  appendToOutbox,
  type Database,
  type OutboxEntry,
  type OutboxRow,
  type SqlExecutor,
} from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry } from '../shared/audit-event';
import type { TenantDirectory } from '../shared/tenant-directory';
import { TicketTypeScreening, applyTicketTyping, createdTicketsOf, type TicketTyping } from '../ticket-types';
import type { IngestInboundMessagesCommand, IngestOutcome } from './ingest-inbound-messages.command';
import { resolveCustomers, type CustomerInfo } from './customer-resolver';
import { receiptEntry } from './ingest-receipts';
import { allocateTicketNumbers, loadAndPlanIngest } from './ingest.repository';
import { writeDecisions } from './ingest.writer';
import type { IngestDecision, TenantMessage } from './plan-ingest';

/** What the first, short transaction settles: refusals, accepted messages and their customers. */
interface PreparedBatch {
  readonly outcomes: readonly IngestOutcome[];
  readonly outbox: readonly OutboxEntry[];
  readonly messages: readonly TenantMessage[];
  readonly customers: readonly CustomerInfo[];
  readonly typing: ReadonlyMap<string, TicketTyping>;
  readonly tenants: Map<string, { id: string; ticketPrefix: string }>;
}

/**
 * Turns a batch of inbound messages into tickets: dedup, customers, threading, numbers, tickets,
 * messages, audit events, and the outbox rows (ticket events + receipts) in ONE transaction, after a
 * short one that settles the batch's customers. That split is for throughput: a batch that creates a
 * customer holds that identity's lock until it commits, and concurrent batches of the same customers
 * would otherwise wait for each other's whole ticket transaction. Nothing is half-written: a failure
 * of the ticket transaction rolls every ticket, message and event of the batch back and the consumer
 * retries it; customers created for it stay (the retry finds them).
 */
export class IngestInboundMessagesUseCase {
  constructor(
    private readonly db: Database,
    private readonly tenants: TenantDirectory,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void = () => undefined,
    private readonly newId: () => string = makeId,
    private readonly ticketTypes: TicketTypeScreening = new TicketTypeScreening(),
  ) {}

  async execute(command: IngestInboundMessagesCommand): Promise<IngestOutcome[]> {
    const prepared = await this.db.transaction((tx) => this.prepare(tx, command));
    const { outcomes, rows } = await this.db.transaction((tx) => this.ingest(tx, prepared));
    this.onCommitted(rows);
    return outcomes;
  }

  private async prepare(tx: SqlExecutor, command: IngestInboundMessagesCommand): Promise<PreparedBatch> {
    const tenants = await this.tenants.resolve(
      tx,
      command.messages.map((m) => m.tenantSlug),
    );
    const outbox: OutboxEntry[] = [];
    const outcomes: IngestOutcome[] = [];
    const reject = (outcome: IngestOutcome & { kind: 'rejected' }, to: Parameters<typeof receiptEntry>[1]): void => {
      outcomes.push(outcome);
      outbox.push(receiptEntry(outcome, to));
    };
    for (const r of command.refused)
      reject(
        { messageId: r.messageId, kind: 'rejected', reason: r.reason, detail: r.detail },
        { ...r, tenantId: null, channel: undefined },
      );
    const known: TenantMessage[] = [];
    for (const m of command.messages) {
      const tenant = tenants.get(m.tenantSlug);
      if (tenant) known.push({ ...m, tenantId: tenant.id });
      else
        reject(
          { messageId: m.messageId, kind: 'rejected', reason: 'unknown_tenant', detail: `no tenant "${m.tenantSlug}"` },
          { ...m, tenantId: null },
        );
    }
    if (known.length === 0) return { outcomes, outbox, messages: [], customers: [], typing: new Map(), tenants };
    // Before customers are resolved: a message rejected for its fields leaves nothing behind.
    const screened = await this.ticketTypes.screen(tx, known);
    for (const { message, reason, detail, fieldErrors } of screened.rejected)
      reject({ messageId: message.messageId, kind: 'rejected', reason, detail, fieldErrors }, message);
    const customers = await resolveCustomers(tx, screened.accepted, this.newId);
    return { outcomes, outbox, messages: screened.accepted, customers, typing: screened.typing, tenants };
  }

  private async ingest(
    tx: SqlExecutor,
    batch: PreparedBatch,
  ): Promise<{ outcomes: IngestOutcome[]; rows: OutboxRow[] }> {
    const outbox = [...batch.outbox];
    const outcomes = [...batch.outcomes];
    if (batch.messages.length > 0) {
      const decisions = await loadAndPlanIngest(tx, batch.messages, batch.customers, this.newId);
      await this.numberNewTickets(tx, decisions, batch.tenants);
      await this.store(tx, decisions, outbox, batch.typing);
      for (const d of decisions) {
        const outcome: IngestOutcome = {
          messageId: d.message.messageId,
          kind: d.kind === 'create' ? 'created' : d.kind === 'append' ? 'appended' : 'duplicate',
          ticketId: d.ticket.id,
          ticketNumber: d.ticket.number,
        };
        outcomes.push(outcome);
        outbox.push(receiptEntry(outcome, d.message));
      }
    }
    return { outcomes, rows: await appendToOutbox(tx, outbox) };
  }

  private async numberNewTickets(
    tx: SqlExecutor,
    decisions: readonly IngestDecision[],
    tenants: Map<string, { id: string; ticketPrefix: string }>,
  ): Promise<void> {
    const creates = decisions.filter((d) => d.kind === 'create');
    for (const tenant of tenants.values()) {
      const mine = creates.filter((d) => d.ticket.tenantId === tenant.id);
      if (mine.length === 0) continue;
      const numbers = await allocateTicketNumbers(tx, tenant.id, tenant.ticketPrefix, mine.length);
      mine.forEach((d, i) => {
        d.ticket.number = numbers[i] ?? '';
      });
    }
  }

  private async store(
    tx: SqlExecutor,
    decisions: readonly IngestDecision[],
    outbox: OutboxEntry[],
    typing: ReadonlyMap<string, TicketTyping>,
  ): Promise<void> {
    const events = await writeDecisions(tx, decisions, this.newId);
    events.push(...(await applyTicketTyping(tx, createdTicketsOf(decisions), typing, this.newId)));
    await insertAuditEvents(tx, events);
    outbox.push(...events.map(toOutboxEntry));
  }
}
