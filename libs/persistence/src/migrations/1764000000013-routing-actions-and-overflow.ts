import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing, second part: rules set tags, an SLA policy and (when the channel gave none) the category;
 * agents have a capacity per channel; a team's queue overflows to a fallback team after a wait,
 * counted from when the ticket entered the queue.
 */
export class RoutingActionsAndOverflow1764000000013 implements MigrationInterface {
  name = 'RoutingActionsAndOverflow1764000000013';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['routing_rules', 'routing_rule_versions']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN sla_policy text`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN set_category text`);
    }
    await q.query(`ALTER TABLE tickets ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE tickets ADD COLUMN sla_policy text`);
    await q.query(`ALTER TABLE tickets ADD COLUMN queued_at timestamptz`);
    await q.query(`ALTER TABLE agents ADD COLUMN channel_capacity jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE teams ADD COLUMN overflow_team_id uuid REFERENCES teams(id)`);
    await q.query(
      `ALTER TABLE teams ADD COLUMN overflow_after_seconds integer CHECK (overflow_after_seconds IS NULL OR overflow_after_seconds > 0)`,
    );
    await q.query(
      `ALTER TABLE teams ADD CONSTRAINT teams_overflow_elsewhere CHECK (overflow_team_id IS NULL OR overflow_team_id <> id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE teams DROP CONSTRAINT IF EXISTS teams_overflow_elsewhere`);
    await q.query(`ALTER TABLE teams DROP COLUMN IF EXISTS overflow_after_seconds`);
    await q.query(`ALTER TABLE teams DROP COLUMN IF EXISTS overflow_team_id`);
    await q.query(`ALTER TABLE agents DROP COLUMN IF EXISTS channel_capacity`);
    for (const column of ['queued_at', 'sla_policy', 'tags'])
      await q.query(`ALTER TABLE tickets DROP COLUMN IF EXISTS ${column}`);
    for (const table of ['routing_rule_versions', 'routing_rules']) {
      for (const column of ['set_category', 'sla_policy', 'tags']) {
        await q.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS ${column}`);
      }
    }
  }
}
