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
import { receiptEntry } from './ingest-receipts';
import { allocateTicketNumbers, loadAndPlanIngest } from './ingest.repository';
import { writeDecisions } from './ingest.writer';
import type { IngestDecision, TenantMessage } from './plan-ingest';

/**
 * Turns a batch of inbound messages into tickets in ONE transaction: dedup, customers, threading,
 * numbers, tickets, messages, audit events, and the outbox rows (ticket events + receipts). Nothing
 * is half-written: a failure rolls the whole batch back and the consumer retries it.
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
    const { outcomes, rows } = await this.db.transaction((tx) => this.ingest(tx, command));
    this.onCommitted(rows);
    return outcomes;
  }

  private async ingest(
    tx: SqlExecutor,
    command: IngestInboundMessagesCommand,
  ): Promise<{ outcomes: IngestOutcome[]; rows: OutboxRow[] }> {
    const tenants = await this.tenants.resolve(
      tx,
      command.messages.map((m) => m.tenantSlug),
    );
    const outbox: OutboxEntry[] = [];
    const outcomes: IngestOutcome[] = [];
    for (const r of command.refused) {
      const outcome: IngestOutcome = { messageId: r.messageId, kind: 'rejected', reason: r.reason, detail: r.detail };
      outcomes.push(outcome);
      outbox.push(receiptEntry(outcome, { ...r, tenantId: null, channel: undefined }));
    }
    const known: TenantMessage[] = [];
    for (const m of command.messages) {
      const tenant = tenants.get(m.tenantSlug);
      if (tenant) known.push({ ...m, tenantId: tenant.id });
      else {
        const outcome: IngestOutcome = {
          messageId: m.messageId,
          kind: 'rejected',
          reason: 'unknown_tenant',
          detail: `no tenant "${m.tenantSlug}"`,
        };
        outcomes.push(outcome);
        outbox.push(receiptEntry(outcome, { ...m, tenantId: null }));
      }
    }
    if (known.length > 0) {
      // Before customers are resolved: a message rejected for its fields leaves nothing behind.
      const screened = await this.ticketTypes.screen(tx, known);
      for (const { message, reason, detail, fieldErrors } of screened.rejected) {
        const outcome: IngestOutcome = { messageId: message.messageId, kind: 'rejected', reason, detail, fieldErrors };
        outcomes.push(outcome);
        outbox.push(receiptEntry(outcome, message));
      }
      const decisions = await loadAndPlanIngest(tx, screened.accepted, this.newId);
      await this.numberNewTickets(tx, decisions, tenants);
      await this.store(tx, decisions, outbox, screened.typing);
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
