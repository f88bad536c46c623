import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing rules get a version, bumped by every save, and an append-only history of the versions they
 * replaced, so an admin can see who routed what by which rule. History rows have no foreign key to the
 * rule: the record must outlive the rule.
 */
export class RoutingRuleVersions1764000000003 implements MigrationInterface {
  name = 'RoutingRuleVersions1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE routing_rules
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`
      CREATE TABLE routing_rule_versions (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        rule_id uuid NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        position integer NOT NULL,
        enabled boolean NOT NULL,
        conditions jsonb NOT NULL,
        team_id uuid NOT NULL,
        priority text,
        valid_from timestamptz NOT NULL,
        replaced_at timestamptz NOT NULL DEFAULT now(),
        replaced_by uuid,
        UNIQUE (rule_id, version)
      )`);
    await q.query(`
      CREATE TRIGGER routing_rule_versions_no_update_delete BEFORE UPDATE OR DELETE ON routing_rule_versions
      FOR EACH ROW EXECUTE FUNCTION refuse_update_delete()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS routing_rule_versions`);
    await q.query(`ALTER TABLE routing_rules DROP COLUMN IF EXISTS updated_at, DROP COLUMN IF EXISTS version`);
  }
}
