import type { SqlExecutor } from '@switchboard/persistence';
import { decideRouting, type RoutingTrace } from '../assign-tickets/routing-decision';
import type { RoutingDirectory } from '../directory/routing-directory';
import type { DryRunRoutingCommand } from './dry-run-routing.command';
import { PostgresLoadCapacityView } from './postgres-load.capacity-view';

export interface DryRunCandidate {
  readonly agentId: string;
  readonly name: string;
  readonly capacity: number;
  /** What the agent may hold of the sample's channel. */
  readonly channelCapacity: number;
  readonly presence: string;
  readonly load: number;
  readonly eligible: boolean;
}

export interface DryRunResult {
  readonly rule: RoutingTrace['rule'];
  /** What the rule would set besides team and agent. */
  readonly actions: {
    priority: string | null;
    tags: readonly string[];
    slaPolicy: string | null;
    category: string | null;
  };
  readonly team: RoutingTrace['team'];
  readonly candidates: readonly DryRunCandidate[];
  readonly wouldAssignTo: string | null;
  readonly outcome: RoutingTrace['outcome'];
}

/**
 * What the router would decide for such a ticket now: the real decideRouting over the same directory,
 * with loads read from Postgres' open tickets and no capacity reserved.
 */
export class DryRunRoutingUseCase {
  private readonly loads: PostgresLoadCapacityView;

  constructor(
    private readonly db: SqlExecutor,
    private readonly directory: RoutingDirectory,
  ) {
    this.loads = new PostgresLoadCapacityView(db);
  }

  async execute(tenantId: string, command: DryRunRoutingCommand): Promise<DryRunResult | undefined> {
    const [tenant] = await this.db.query<{ slug: string }>('SELECT slug FROM tenants WHERE id = $1', [tenantId]);
    const routing = tenant ? await this.directory.forTenant(this.db, tenant.slug) : undefined;
    if (!routing) return undefined;
    const { receivedAt, ...facts } = command;
    const ticket = {
      ...facts,
      category: command.category ?? '',
      tier: command.tier ?? '',
      region: command.region ?? '',
      channel: command.channel ?? '',
      receivedAt: receivedAt ? new Date(receivedAt) : new Date(),
    };
    const { trace, priority, tags, slaPolicy, category } = await decideRouting(routing, ticket, this.loads);
    return {
      rule: trace.rule,
      actions: { priority, tags, slaPolicy, category },
      team: trace.team,
      candidates: await this.describe(tenantId, trace.candidates),
      wouldAssignTo: trace.chosenAgentId,
      outcome: trace.outcome,
    };
  }

  private async describe(tenantId: string, candidates: RoutingTrace['candidates']): Promise<DryRunCandidate[]> {
    const ids = candidates.map((c) => c.agentId);
    const [loads, names] = await Promise.all([
      this.loads.loads(tenantId, ids),
      ids.length === 0
        ? Promise.resolve([])
        : this.db.query<{ id: string; name: string }>(
            'SELECT id, name FROM agents WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
            [tenantId, ids],
          ),
    ]);
    const nameOf = new Map(names.map((row) => [row.id, row.name]));
    return candidates.map((c) => ({
      agentId: c.agentId,
      name: nameOf.get(c.agentId) ?? '',
      capacity: c.capacity,
      channelCapacity: c.channelCapacity,
      presence: c.presence,
      load: loads.get(c.agentId) ?? 0,
      eligible: c.eligible,
    }));
  }
}
