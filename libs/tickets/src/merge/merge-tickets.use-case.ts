import type { CapacityStore, Reservation } from '@switchboard/coordination';
import { newId as makeId } from '@switchboard/ids';
import { inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { findTenantOfChange, lockTickets } from '../relations/locked-tickets.repository';
import { mergeEvents } from './merge-events';
import { countsTowardLoad } from '../relations/relation-rules';
import { checkMerge } from './merge-rules';
import {
  countMessages,
  markMerged,
  moveAllMessages,
  moveWatchers,
  repointMerged,
  touchTicket,
} from './merge.repository';
import type { MergeTicketsCommand, MergeTicketsResult } from './merge-tickets.command';
import { recordEvents } from '../relations/relation-change';

interface MergeWrite {
  readonly result: MergeTicketsResult;
  readonly rows: OutboxRow[];
  readonly released: Reservation[];
}

/**
 * Merges ticket B into A in one transaction: B's messages and watchers move to A, B is closed with
 * merged_into_id = A, both get audit events. B's audit trail stays on B (it is append-only); readers
 * follow merged_into_id. B's agent gets the capacity back after the commit.
 */
export class MergeTicketsUseCase {
  constructor(
    private readonly db: Database,
    private readonly capacity: CapacityStore,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
    private readonly newId: () => string = makeId,
  ) {}

  async execute(command: MergeTicketsCommand): Promise<MergeTicketsResult> {
    const write = await inTenant(this.db, command.tenantId, (tx) => this.merge(tx, command));
    this.onCommitted(write.rows);
    await this.capacity.release(write.released);
    return write.result;
  }

  private async merge(tx: SqlExecutor, command: MergeTicketsCommand): Promise<MergeWrite> {
    const { tenantId, survivorId, sourceId } = command;
    const locked = await lockTickets(tx, tenantId, [survivorId, sourceId], sourceId);
    const { survivor, source } = checkMerge(locked, survivorId, sourceId);
    const repointed = [...locked.values()].filter((t) => t.mergedIntoId === source.id);
    const tenant = await findTenantOfChange(tx, tenantId);
    const survivorMessagesBefore = await countMessages(tx, tenantId, survivor.id);
    const movedMessageIds = await moveAllMessages(tx, tenantId, source.id, survivor.id);
    const movedWatcherAgentIds = await moveWatchers(tx, tenantId, source.id, survivor.id);
    const sourceClosedAt = await markMerged(tx, tenantId, source.id, survivor.id);
    await repointMerged(
      tx,
      tenantId,
      repointed.map((t) => t.id),
      survivor.id,
    );
    await touchTicket(tx, tenantId, survivor.id);
    const ctx = { tenant, agentId: command.agentId, occurredAt: new Date(), newId: this.newId };
    const events = mergeEvents(ctx, {
      survivor,
      source,
      repointed,
      movedMessageIds,
      movedWatcherAgentIds,
      survivorMessagesBefore,
      sourceClosedAt,
    });
    const rows = await recordEvents(tx, events);
    const released =
      countsTowardLoad(source) && source.assigneeId
        ? [{ tenantId, agentId: source.assigneeId, channel: source.channel }]
        : [];
    return {
      result: { survivorId, sourceId, sourceNumber: source.number, movedMessageIds, movedWatcherAgentIds },
      rows,
      released,
    };
  }
}
