import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Presence kept alive by heartbeats (an agent whose inbox stops sending them goes offline), and the
 * index the queue drain reads: waiting tickets of a team, oldest first.
 */
export class AgentPresenceAndQueues1764000000004 implements MigrationInterface {
  name = 'AgentPresenceAndQueues1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agents ADD COLUMN last_seen_at timestamptz`);
    await q.query(`ALTER TABLE agents ADD COLUMN presence_lapsed boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE INDEX tickets_team_queue ON tickets (team_id, created_at)
        WHERE status = 'new' AND assignee_id IS NULL AND team_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tickets_team_queue`);
    await q.query(`ALTER TABLE agents DROP COLUMN IF EXISTS presence_lapsed`);
    await q.query(`ALTER TABLE agents DROP COLUMN IF EXISTS last_seen_at`);
  }
}
