import type { SqlExecutor } from '@switchboard/persistence';

/**
 * Agents whose inbox stopped sending heartbeats (closed tab, lost network) go offline, so routing
 * stops giving them tickets. Only agents that ever sent one are judged: agents driven through the API
 * without heartbeats keep the presence they set. Returns how many lapsed.
 */
export async function expireStalePresence(db: SqlExecutor, staleAfterMs: number): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `UPDATE agents SET presence = 'offline', presence_lapsed = true
      WHERE presence <> 'offline' AND last_seen_at IS NOT NULL
        AND last_seen_at < now() - make_interval(secs => $1::double precision / 1000)
      RETURNING id`,
    [staleAfterMs],
  );
  return rows.length;
}
