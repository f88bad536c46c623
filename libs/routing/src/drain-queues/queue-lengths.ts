import type { SqlExecutor } from '@switchboard/persistence';

export interface QueueLength {
  readonly tenant: string;
  readonly team: string;
  readonly length: number;
}

/** What the drainer reports after each pass (the Metrics class implements it). */
export interface QueueGauge {
  queueLength(tenant: string | undefined, team: string, n: number): void;
}

/** Tickets waiting in each team's queue (new, unassigned, with a team), by tenant slug and team name. */
export async function findQueueLengths(db: SqlExecutor): Promise<QueueLength[]> {
  const rows = await db.query<{ tenant: string; team: string; length: number }>(
    `SELECT n.slug AS tenant, tm.name AS team, count(*)::int AS length
       FROM tickets t
       JOIN tenants n ON n.id = t.tenant_id
       JOIN teams tm ON tm.id = t.team_id AND tm.tenant_id = t.tenant_id
      WHERE t.status = 'new' AND t.assignee_id IS NULL AND t.team_id IS NOT NULL
      GROUP BY n.slug, tm.name`,
  );
  return rows;
}

/** Sets every team's gauge, and back to 0 for a team whose queue emptied since the last report. */
export class QueueLengthReporter {
  private reported = new Map<string, { tenant: string; team: string }>();

  constructor(private readonly gauge: QueueGauge) {}

  report(lengths: readonly QueueLength[]): void {
    const now = new Map<string, { tenant: string; team: string }>();
    for (const { tenant, team, length } of lengths) {
      now.set(`${tenant}\u0000${team}`, { tenant, team });
      this.gauge.queueLength(tenant, team, length);
    }
    for (const [key, { tenant, team }] of this.reported) if (!now.has(key)) this.gauge.queueLength(tenant, team, 0);
    this.reported = now;
  }
}
