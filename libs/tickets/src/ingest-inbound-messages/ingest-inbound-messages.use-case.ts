import type { CapacityStore, Reservation } from '@switchboard/coordination';
import { newId as makeId } from '@switchboard/ids';
import { createLogger } from '@switchboard/logger';
import {
  appendToOutbox,
  type Database,
  type OutboxEntry,
  type OutboxRow,
  type SqlExecutor,
} from '@switchboard/persistence';
import { forgetUnusedCustomers } from '../customers/unused-customer.writer';
import { insertAuditEvents, toOutboxEntry } from '../shared/audit-event';
import type { TenantDirectory } from '../shared/tenant-directory';
import { TicketTypeScreening, applyTicketTyping, createdTicketsOf, type TicketTyping } from '../ticket-types';
import type { IngestInboundMessagesCommand, IngestOutcome } from './ingest-inbound-messages.command';
import { resolveCustomers, type CustomerInfo } from './customer-resolver';
import { insertReceipts, storedReceiptOf, type StoredReceipt } from '../inbound-receipts/inbound-receipts.repository';
import { receiptEntry } from './ingest-receipts';
import { allocateTicketNumbers, loadAndPlanIngest } from './ingest.repository';
import { writeDecisions } from './ingest.writer';
import type { ValidInboundMessage } from './inbound-message.validation';
import type { IngestDecision, TenantMessage } from './plan-ingest';

export interface IngestInboundMessagesDeps {
  readonly db: Database;
  readonly tenants: TenantDirectory;
  /** The agents' load counters: a reopened ticket counts for its assignee again. */
  readonly capacity: Pick<CapacityStore, 'add'>;
  /** Receives the outbox rows of each commit (the outbox fast path). */
  readonly onCommitted?: (rows: readonly OutboxRow[]) => void;
  readonly newId?: () => string;
  readonly ticketTypes?: TicketTypeScreening;
}

/** What the first, short transaction settles: refusals, accepted messages and their customers. */
interface PreparedBatch {
  readonly outcomes: readonly IngestOutcome[];
  readonly outbox: readonly OutboxEntry[];
  readonly receipts: readonly StoredReceipt[];
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
 * retries it; customers created for it stay (the retry finds them), unless the message is refused for
 * good, which removes the customer it alone brought in (refuse).
 */
export class IngestInboundMessagesUseCase {
  private readonly logger = createLogger('IngestInboundMessages');
  private readonly newId: () => string;
  private readonly ticketTypes: TicketTypeScreening;

  constructor(private readonly deps: IngestInboundMessagesDeps) {
    this.newId = deps.newId ?? makeId;
    this.ticketTypes = deps.ticketTypes ?? new TicketTypeScreening();
  }

  async execute(command: IngestInboundMessagesCommand): Promise<IngestOutcome[]> {
    const prepared = await this.deps.db.transaction((tx) => this.prepare(tx, command));
    const { outcomes, rows, reopenedLoad } = await this.deps.db.transaction((tx) => this.ingest(tx, prepared));
    this.deps.onCommitted?.(rows);
    await this.countReopenedLoad(reopenedLoad);
    return outcomes;
  }

  /**
   * Refuses one message the ticket transaction cannot store: a rejected receipt, and the customer the
   * first transaction created for it removed again when nothing else uses it; nothing else is written.
   */
  async refuse(message: ValidInboundMessage, reason: string, detail: string): Promise<IngestOutcome[]> {
    const tenants = await this.deps.tenants.resolve(this.deps.db, [message.tenantSlug]);
    const tenantId = tenants.get(message.tenantSlug)?.id ?? null;
    const outcome: IngestOutcome = { messageId: message.messageId, kind: 'rejected', reason, detail };
    const receipt = receiptEntry(outcome, { ...message, tenantId });
    const rows = await this.deps.db.transaction(async (tx) => {
      await insertReceipts(tx, [storedReceiptOf(outcome, message)]);
      if (tenantId) await forgetUnusedCustomers(tx, tenantId, message.identities);
      return appendToOutbox(tx, [receipt]);
    });
    this.deps.onCommitted?.(rows);
    this.logger.warn(
      { messageId: message.messageId, tenant: message.tenantSlug, channel: message.channel, reason, detail },
      'inbound message refused',
    );
    return [outcome];
  }

  // After the commit, as the agent API does for a reopen: a failure here must not redo the batch (its
  // retry would find every message stored and reopen nothing), so it is logged and left to the rebuild.
  private async countReopenedLoad(load: readonly Reservation[]): Promise<void> {
    if (load.length === 0) return;
    try {
      await this.deps.capacity.add(load);
    } catch (error) {
      this.logger.warn(
        { tickets: load.length, error },
        "Reopened tickets not counted in their agents' load; the counters stay off until reseeded from Postgres",
      );
    }
  }

  private async prepare(tx: SqlExecutor, command: IngestInboundMessagesCommand): Promise<PreparedBatch> {
    const tenants = await this.deps.tenants.resolve(
      tx,
      command.messages.map((m) => m.tenantSlug),
    );
    const outbox: OutboxEntry[] = [];
    const outcomes: IngestOutcome[] = [];
    const receipts: StoredReceipt[] = [];
    const reject = (outcome: IngestOutcome & { kind: 'rejected' }, to: Parameters<typeof receiptEntry>[1]): void => {
      outcomes.push(outcome);
      outbox.push(receiptEntry(outcome, to));
      receipts.push(storedReceiptOf(outcome, to));
    };
    for (const r of command.refused)
      reject(
        { messageId: r.messageId, kind: 'rejected', reason: r.reason, detail: r.detail },
        { ...r, tenantId: null, channel: r.channel },
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
    if (known.length === 0)
      return { outcomes, outbox, receipts, messages: [], customers: [], typing: new Map(), tenants };
    // Before customers are resolved: a message rejected for its fields leaves nothing behind.
    const screened = await this.ticketTypes.screen(tx, known);
    for (const { message, reason, detail, fieldErrors } of screened.rejected)
      reject({ messageId: message.messageId, kind: 'rejected', reason, detail, fieldErrors }, message);
    const customers = await resolveCustomers(tx, screened.accepted, this.newId);
    return { outcomes, outbox, receipts, messages: screened.accepted, customers, typing: screened.typing, tenants };
  }

  private async ingest(
    tx: SqlExecutor,
    batch: PreparedBatch,
  ): Promise<{ outcomes: IngestOutcome[]; rows: OutboxRow[]; reopenedLoad: Reservation[] }> {
    const outbox = [...batch.outbox];
    const outcomes = [...batch.outcomes];
    const receipts = [...batch.receipts];
    let reopenedLoad: Reservation[] = [];
    if (batch.messages.length > 0) {
      const decisions = await loadAndPlanIngest(tx, batch.messages, batch.customers, this.newId);
      await this.numberNewTickets(tx, decisions, batch.tenants);
      reopenedLoad = await this.store(tx, decisions, outbox, batch.typing);
      for (const d of decisions) {
        const outcome: IngestOutcome = {
          messageId: d.message.messageId,
          kind: d.kind === 'create' ? 'created' : d.kind === 'append' ? 'appended' : 'duplicate',
          ticketId: d.ticket.id,
          ticketNumber: d.ticket.number,
        };
        outcomes.push(outcome);
        outbox.push(receiptEntry(outcome, d.message));
        receipts.push(storedReceiptOf(outcome, d.message));
      }
    }
    await insertReceipts(tx, receipts);
    return { outcomes, rows: await appendToOutbox(tx, outbox), reopenedLoad };
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
  ): Promise<Reservation[]> {
    const { events, reopenedLoad } = await writeDecisions(tx, decisions, this.newId);
    events.push(...(await applyTicketTyping(tx, createdTicketsOf(decisions), typing, this.newId)));
    await insertAuditEvents(tx, events);
    outbox.push(...events.map(toOutboxEntry));
    return reopenedLoad;
  }
}
