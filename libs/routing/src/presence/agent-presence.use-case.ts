import { withTenantScope, type Database } from '@switchboard/persistence';

export type Presence = 'online' | 'away' | 'offline';

export interface PresenceView {
  readonly presence: Presence;
  readonly lastSeenAt: string;
}

/**
 * An agent's presence as routing reads it: the state they chose, kept alive by heartbeats (the
 * routing service lapses it to offline when heartbeats stop, see expire-stale-presence.ts). Routing
 * owns the presence columns of `agents`; the agent API calls this use-case for PUT /me/presence and
 * POST /me/heartbeat. Undefined when the agent does not exist in the tenant.
 */
export class AgentPresenceUseCase {
  constructor(private readonly db: Database) {}

  async setPresence(tenantId: string, agentId: string, presence: Presence): Promise<PresenceView | undefined> {
    return this.update(tenantId, agentId, `presence = $3, last_seen_at = now()`, [presence]);
  }

  /** A heartbeat keeps the agent present; one whose presence lapsed for lack of heartbeats is online again. */
  async heartbeat(tenantId: string, agentId: string): Promise<PresenceView | undefined> {
    return this.update(
      tenantId,
      agentId,
      `last_seen_at = now(), presence = CASE WHEN presence_lapsed THEN 'online' ELSE presence END, presence_lapsed = false`,
      [],
    );
  }

  private async update(
    tenantId: string,
    agentId: string,
    set: string,
    extra: unknown[],
  ): Promise<PresenceView | undefined> {
    const rows = await withTenantScope(this.db, tenantId, (tx) =>
      tx.query<{ presence: Presence; last_seen_at: Date }>(
        `UPDATE agents SET ${set} WHERE tenant_id = $1 AND id = $2 RETURNING presence, last_seen_at`,
        [tenantId, agentId, ...extra],
      ),
    );
    const row = rows[0];
    return row ? { presence: row.presence, lastSeenAt: row.last_seen_at.toISOString() } : undefined;
  }
}
