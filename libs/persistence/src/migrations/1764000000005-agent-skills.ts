import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Skills with levels: agents have them, rules require them (`[{"skill","minLevel"}]`), and a ticket
 * keeps what its rule required so that the queue drain can honour it later.
 */
export class AgentSkills1764000000005 implements MigrationInterface {
  name = 'AgentSkills1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agent_skills (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        agent_id uuid NOT NULL REFERENCES agents(id),
        skill text NOT NULL CHECK (skill ~ '^[a-z0-9_-]{1,64}$'),
        level smallint NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 5),
        PRIMARY KEY (agent_id, skill)
      )`);
    await q.query(`CREATE INDEX agent_skills_tenant ON agent_skills (tenant_id)`);
    await q.query(`ALTER TABLE routing_rules ADD COLUMN required_skills jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE routing_rule_versions ADD COLUMN required_skills jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE tickets ADD COLUMN required_skills jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets DROP COLUMN IF EXISTS required_skills`);
    await q.query(`ALTER TABLE routing_rule_versions DROP COLUMN IF EXISTS required_skills`);
    await q.query(`ALTER TABLE routing_rules DROP COLUMN IF EXISTS required_skills`);
    await q.query(`DROP TABLE IF EXISTS agent_skills`);
  }
}
