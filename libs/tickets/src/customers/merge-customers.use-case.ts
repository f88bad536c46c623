import { FieldsChangedSchema, create } from '@switchboard/contracts';
import { newId as makeId } from '@switchboard/ids';
import { appendToOutbox, inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '../shared/audit-event';
import {
  insertMergeRecord,
  lockCustomerPair,
  lockMergeToUndo,
  moveIdentities,
  moveTickets,
  setMergedInto,
  tenantSlugOf,
} from './customer-merge.repository';
import { toMergeView, type MergeRow } from './customer.repository';
import { CustomerException, CustomerExceptionCode } from './customer.exception';
import type { CustomerActor, CustomerMergeView } from './customer.views';

/**
 * Manual customer merge and its undo. A merge moves every identity and ticket of the source to the
 * target and marks the source merged; the append-only customer_merges row records exactly what moved,
 * so an unmerge moves back those identities and tickets that still belong to the target.
 */
export class MergeCustomersUseCase {
  constructor(
    private readonly db: Database,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void = () => undefined,
    private readonly newId: () => string = makeId,
  ) {}

  async merge(actor: CustomerActor, targetId: string, sourceId: string): Promise<CustomerMergeView> {
    if (targetId === sourceId) {
      throw new CustomerException(CustomerExceptionCode.InvalidMerge, 'A customer cannot be merged into itself.');
    }
    return this.run(actor, async (tx) => {
      const pair = await lockCustomerPair(tx, actor.tenantId, [targetId, sourceId]);
      for (const [id, state] of pair) {
        if (state.mergedIntoId !== null) {
          throw new CustomerException(CustomerExceptionCode.InvalidMerge, `Customer ${id} was merged already.`);
        }
      }
      const identities = await moveIdentities(tx, actor.tenantId, sourceId, targetId, null);
      const tickets = await moveTickets(tx, actor.tenantId, sourceId, targetId, null);
      await setMergedInto(tx, actor.tenantId, sourceId, targetId);
      return this.record(tx, actor, { kind: 'merge', targetId, sourceId, undoes: null, identities, tickets });
    });
  }

  async unmerge(actor: CustomerActor, targetId: string, mergeId: string): Promise<CustomerMergeView> {
    return this.run(actor, async (tx) => {
      const merge = await lockMergeToUndo(tx, actor.tenantId, targetId, mergeId);
      const sourceId = merge.source_customer_id;
      await lockCustomerPair(tx, actor.tenantId, [targetId, sourceId]);
      const identities = await moveIdentities(tx, actor.tenantId, targetId, sourceId, merge.identity_keys);
      const tickets = await moveTickets(tx, actor.tenantId, targetId, sourceId, merge.ticket_ids);
      await setMergedInto(tx, actor.tenantId, sourceId, null);
      return this.record(tx, actor, { kind: 'unmerge', targetId, sourceId, undoes: mergeId, identities, tickets });
    });
  }

  private async run(
    actor: CustomerActor,
    fn: (tx: SqlExecutor) => Promise<{ view: CustomerMergeView; rows: OutboxRow[] }>,
  ): Promise<CustomerMergeView> {
    const { view, rows } = await inTenant(this.db, actor.tenantId, fn);
    this.onCommitted(rows);
    return view;
  }

  /** Writes the merge record and a FieldsChanged event (customer before/after) on every moved ticket. */
  private async record(
    tx: SqlExecutor,
    actor: CustomerActor,
    moved: {
      kind: MergeRow['kind'];
      targetId: string;
      sourceId: string;
      undoes: string | null;
      identities: MergeRow['identity_keys'];
      tickets: string[];
    },
  ): Promise<{ view: CustomerMergeView; rows: OutboxRow[] }> {
    const row = await insertMergeRecord(tx, {
      id: this.newId(),
      tenant_id: actor.tenantId,
      kind: moved.kind,
      target_customer_id: moved.targetId,
      source_customer_id: moved.sourceId,
      undoes_merge_id: moved.undoes,
      identity_keys: moved.identities,
      ticket_ids: moved.tickets,
      actor_id: actor.agentId,
    });
    const [before, after] =
      moved.kind === 'merge' ? [moved.sourceId, moved.targetId] : [moved.targetId, moved.sourceId];
    const tenantSlug = await tenantSlugOf(tx, actor.tenantId);
    const changes = { customerId: { before, after } };
    const events: AuditEvent[] = moved.tickets.map((ticketId) => ({
      id: this.newId(),
      tenantId: actor.tenantId,
      tenantSlug,
      ticketId,
      type: 'fields_changed',
      actor: { kind: 'agent', id: actor.agentId },
      source: 'agent_api',
      occurredAt: new Date(),
      data: {
        before: { customerId: before },
        after: { customerId: after },
        reason: `customer_${moved.kind}`,
        mergeId: row.id,
      },
      payload: { case: 'fieldsChanged', value: create(FieldsChangedSchema, { changesJson: JSON.stringify(changes) }) },
    }));
    await insertAuditEvents(tx, events);
    return { view: toMergeView(row), rows: await appendToOutbox(tx, events.map(toOutboxEntry)) };
  }
}
