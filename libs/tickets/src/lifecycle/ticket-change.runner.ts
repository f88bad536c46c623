import type { CapacityStore } from '@switchboard/coordination';
import type { TicketEvent } from '@switchboard/contracts';
import { newId as makeId } from '@switchboard/ids';
import { createLogger, type Logger } from '@switchboard/logger';
import { appendToOutbox, inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '../shared/audit-event';
import { capacityEffectsOf, type CapacityEffects } from './capacity-effects';
import type { LifecycleActor } from './lifecycle-actor';
import {
  LockedTicketRepository,
  type LockedTicket,
  type TicketPlacementChange,
  type TicketState,
} from './locked-ticket.repository';
import { lockChangeableTicket } from './lock-changeable-ticket';
import type { TicketReference } from './ticket-reference';

/** One change a command decided on: the new placement and the event that tells about it. */
export interface PlannedChange {
  readonly change: TicketPlacementChange;
  readonly type: string;
  readonly payload: TicketEvent['payload'];
  /** Goes into the audit row next to before/after: reason, capacity override, decision ... */
  readonly data?: Readonly<Record<string, unknown>>;
  readonly reopened?: boolean;
}

/** Whether the actor may address this ticket at all; when not, it answers as if it did not exist. */
export type TicketReach = (actor: LifecycleActor, ticket: LockedTicket) => boolean;

/** Decides the change on the locked ticket, or undefined when there is nothing to change. */
export type ChangePlanner = (ticket: LockedTicket, tx: SqlExecutor) => Promise<PlannedChange | undefined>;

export interface TicketChangeDeps {
  readonly db: Database;
  readonly capacity: CapacityStore;
  readonly onCommitted: (rows: readonly OutboxRow[]) => void;
  readonly newId?: () => string;
  readonly logger?: Logger;
}

interface Committed {
  readonly state: TicketState;
  readonly rows: readonly OutboxRow[];
  readonly effects: CapacityEffects;
  readonly channel: string;
}

// A manual reservation must not be refused for lack of room: managers may overfill an agent.

/**
 * Runs one lifecycle command: in one tenant transaction it locks the ticket, refuses archived ones,
 * lets the command decide, writes the ticket (version + 1), the audit row and its outbox row. After
 * the commit it hands the rows to the fast path and moves agent load. The database stays the truth
 * should the counter update fail: the counter is then off by one until routing's reconcile rebuilds
 * counters from Postgres (it seeds counters the store lacks, e.g. after a Redis restart).
 */
export class TicketChangeRunner {
  private readonly newId: () => string;
  private readonly logger: Logger;

  constructor(private readonly deps: TicketChangeDeps) {
    this.newId = deps.newId ?? makeId;
    this.logger = deps.logger ?? createLogger('TicketChangeRunner');
  }

  async run(
    actor: LifecycleActor,
    ref: TicketReference,
    reach: TicketReach,
    plan: ChangePlanner,
  ): Promise<TicketState> {
    const committed = await inTenant(this.deps.db, actor.tenantId, (tx) => this.change(tx, actor, ref, reach, plan));
    this.deps.onCommitted(committed.rows);
    await this.moveLoad(actor.tenantId, committed.state.id, committed.channel, committed.effects);
    return committed.state;
  }

  private async change(
    tx: SqlExecutor,
    actor: LifecycleActor,
    ref: TicketReference,
    reach: TicketReach,
    plan: ChangePlanner,
  ): Promise<Committed> {
    const tickets = new LockedTicketRepository(tx);
    const ticket = await lockChangeableTicket(tx, actor, ref, reach);
    const planned = await plan(ticket, tx);
    if (!planned) {
      return {
        state: await tickets.state(ticket.tenantId, ticket.id),
        rows: [],
        effects: noEffects,
        channel: ticket.channel,
      };
    }
    await tickets.apply(ticket, planned.change, planned.reopened ?? false);
    const event = this.auditEvent(actor, ticket, planned);
    await insertAuditEvents(tx, [event]);
    const rows = await appendToOutbox(tx, [toOutboxEntry(event)]);
    return {
      state: await tickets.state(ticket.tenantId, ticket.id),
      rows,
      effects: capacityEffectsOf(ticket, planned.change),
      channel: ticket.channel,
    };
  }

  private auditEvent(actor: LifecycleActor, ticket: LockedTicket, planned: PlannedChange): AuditEvent {
    const before = { status: ticket.status, teamId: ticket.teamId, assigneeId: ticket.assigneeId };
    const after = { ...planned.change };
    return {
      id: this.newId(),
      tenantId: ticket.tenantId,
      tenantSlug: ticket.tenantSlug,
      ticketId: ticket.id,
      type: planned.type,
      actor: { kind: 'agent', id: actor.id },
      source: 'agent_api',
      occurredAt: new Date(),
      data: { before, after, version: ticket.version + 1, ...planned.data },
      payload: planned.payload,
    };
  }

  private async moveLoad(tenantId: string, ticketId: string, channel: string, effects: CapacityEffects): Promise<void> {
    try {
      if (effects.release !== null) await this.deps.capacity.release([{ tenantId, agentId: effects.release, channel }]);
      if (effects.reserve !== null) await this.deps.capacity.add([{ tenantId, agentId: effects.reserve, channel }]);
    } catch (error) {
      this.logger.warn(
        { tenantId, ticketId, error },
        'Agent load counter not updated after commit; it stays off until counters are rebuilt from Postgres',
      );
    }
  }
}

const noEffects: CapacityEffects = { release: null, reserve: null };
