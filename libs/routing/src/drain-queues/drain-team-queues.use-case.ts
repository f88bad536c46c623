import { newId as makeId } from '@switchboard/ids';
import type { CapacityStore } from '@switchboard/coordination';
import type { Database, OutboxRow } from '@switchboard/persistence';
import { decideFromQueue } from '../assign-tickets/routing-decision';
import { RoutingDecisionWriter, reservationsOf, type DecidedTicket } from '../assign-tickets/routing-decision.writer';
import { withSeededCounters } from '../assign-tickets/decide-safely';
import type { RoutingDirectory } from '../directory/routing-directory';
import { OverflowTeamQueues } from './overflow-team-queues';
import { requiredSkillsSchema } from '../rules/routing-rule';

interface QueuedTicket {
  id: string;
  slug: string;
  team_id: string;
  channel: string;
  required_skills: unknown;
}

/**
 * Assigns tickets waiting in team queues once an agent has room (came online, got capacity, closed a
 * ticket). Queue order: VIP customers first, then priority, then age. Each team is served in that
 * order: reservations are issued in queue order and a full team refuses all its later tickets too.
 */
export class DrainTeamQueuesUseCase {
  private readonly writer: RoutingDecisionWriter;
  private readonly overflow: OverflowTeamQueues;

  constructor(
    private readonly db: Database,
    private readonly directory: RoutingDirectory,
    private readonly capacity: CapacityStore,
    onCommitted: (rows: readonly OutboxRow[]) => void = () => undefined,
    newId: () => string = makeId,
    private readonly batchSize = 500,
  ) {
    this.writer = new RoutingDecisionWriter(db, capacity, onCommitted, newId);
    this.overflow = new OverflowTeamQueues(db, onCommitted, newId);
  }

  /** One pass: tickets that waited too long move to their team's fallback, then the queues are served. Returns how many were assigned. */
  async execute(): Promise<number> {
    await this.overflow.execute();
    const queued = await this.db.query<QueuedTicket>(
      `SELECT t.id, n.slug, t.team_id, t.channel, t.required_skills FROM tickets t JOIN tenants n ON n.id = t.tenant_id
        WHERE t.status = 'new' AND t.assignee_id IS NULL AND t.team_id IS NOT NULL
        ORDER BY (t.tier = 'vip') DESC,
          CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END,
          t.created_at, t.id
        LIMIT $1`,
      [this.batchSize],
    );
    if (queued.length === 0) return 0;
    const decided = await withSeededCounters(this.db, this.capacity, () => this.decideInQueueOrder(queued));
    return (await this.writer.commit(decided)).size;
  }

  /** One at a time, in queue order, so an earlier ticket of a team takes the room before a later one. */
  private async decideInQueueOrder(queued: readonly QueuedTicket[]): Promise<DecidedTicket[]> {
    const decided: DecidedTicket[] = [];
    try {
      for (const ticket of queued) {
        const routing = await this.directory.forTenant(this.db, ticket.slug);
        if (!routing) continue;
        const skills = requiredSkillsSchema.safeParse(ticket.required_skills);
        const decision = await decideFromQueue(
          routing,
          { teamId: ticket.team_id, channel: ticket.channel },
          skills.success ? skills.data : [],
          this.capacity,
        );
        if (decision.agentId)
          decided.push({
            ticketId: ticket.id,
            tenantId: routing.tenantId,
            tenantSlug: ticket.slug,
            channel: ticket.channel,
            decision,
          });
      }
    } catch (error) {
      await this.capacity.release(reservationsOf(decided));
      throw error;
    }
    return decided;
  }
}
