import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ticket domain's shared schema: the lifecycle's statuses, ticket types with their templates,
 * the `incomplete` flag for tickets created without their required fields, merges and links,
 * companies and customer merges, per-team reopen policy, per-tenant archive and near-duplicate
 * settings, and the audit row's source.
 */
export class TicketDomain1764000000006 implements MigrationInterface {
  name = 'TicketDomain1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tickets ADD CONSTRAINT tickets_status_known CHECK (status IN
        ('new', 'assigned', 'in_progress', 'pending_customer', 'on_hold', 'review', 'resolved', 'closed'))`);
    await q.query(`
      CREATE TABLE ticket_types (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        key text NOT NULL CHECK (key ~ '^[a-z0-9_-]{1,64}$'),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        review_required boolean NOT NULL DEFAULT false,
        reviewer_role text CHECK (reviewer_role IN ('agent', 'manager', 'admin')),
        field_schema jsonb NOT NULL DEFAULT '{"type":"object","properties":{}}',
        layout jsonb NOT NULL DEFAULT '[]',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, key),
        CHECK (NOT review_required OR reviewer_role IS NOT NULL)
      )`);
    await q.query(`ALTER TABLE tickets ADD COLUMN type_id uuid REFERENCES ticket_types(id)`);
    await q.query(`ALTER TABLE tickets ADD COLUMN incomplete boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE tickets ADD COLUMN resolved_at timestamptz`);
    await q.query(`ALTER TABLE tickets ADD COLUMN closed_at timestamptz`);
    await q.query(`ALTER TABLE tickets ADD COLUMN archived_at timestamptz`);
    await q.query(`ALTER TABLE tickets ADD COLUMN reopen_count integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE tickets ADD COLUMN merged_into_id uuid REFERENCES tickets(id)`);
    await q.query(`ALTER TABLE tickets ADD COLUMN version integer NOT NULL DEFAULT 0`);
    await q.query(
      `CREATE INDEX tickets_closed_unarchived ON tickets (closed_at) WHERE status = 'closed' AND archived_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE ticket_links (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        other_ticket_id uuid NOT NULL REFERENCES tickets(id),
        kind text NOT NULL CHECK (kind IN ('parent', 'child', 'related', 'follow_up_of', 'followed_up_by', 'split_from', 'split_into')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, other_ticket_id, kind),
        CHECK (ticket_id <> other_ticket_id)
      )`);
    await q.query(`CREATE INDEX ticket_links_other ON ticket_links (other_ticket_id)`);
    await q.query(`
      CREATE TABLE companies (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL,
        domain text,
        tier text NOT NULL DEFAULT 'standard',
        region text,
        external_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      )`);
    await q.query(`ALTER TABLE customers ADD COLUMN company_id uuid REFERENCES companies(id)`);
    await q.query(`ALTER TABLE customers ADD COLUMN merged_into_id uuid REFERENCES customers(id)`);
    await q.query(`ALTER TABLE customers ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`
      ALTER TABLE teams ADD COLUMN reopen_policy text NOT NULL DEFAULT 'reopen'
        CHECK (reopen_policy IN ('reopen', 'new_ticket', 'reopen_within'))`);
    await q.query(
      `ALTER TABLE teams ADD COLUMN reopen_within_days integer NOT NULL DEFAULT 14 CHECK (reopen_within_days > 0)`,
    );
    await q.query(
      `ALTER TABLE tenants ADD COLUMN archive_after_days integer NOT NULL DEFAULT 90 CHECK (archive_after_days > 0)`,
    );
    await q.query(
      `ALTER TABLE tenants ADD COLUMN near_duplicate_window_seconds integer NOT NULL DEFAULT 300 CHECK (near_duplicate_window_seconds >= 0)`,
    );
    await q.query(`ALTER TABLE ticket_events ADD COLUMN source text NOT NULL DEFAULT 'system'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket_events DROP COLUMN IF EXISTS source`);
    await q.query(`ALTER TABLE tenants DROP COLUMN IF EXISTS near_duplicate_window_seconds`);
    await q.query(`ALTER TABLE tenants DROP COLUMN IF EXISTS archive_after_days`);
    await q.query(`ALTER TABLE teams DROP COLUMN IF EXISTS reopen_within_days`);
    await q.query(`ALTER TABLE teams DROP COLUMN IF EXISTS reopen_policy`);
    await q.query(`ALTER TABLE customers DROP COLUMN IF EXISTS updated_at`);
    await q.query(`ALTER TABLE customers DROP COLUMN IF EXISTS merged_into_id`);
    await q.query(`ALTER TABLE customers DROP COLUMN IF EXISTS company_id`);
    await q.query(`DROP TABLE IF EXISTS companies`);
    await q.query(`DROP TABLE IF EXISTS ticket_links`);
    for (const column of [
      'version',
      'merged_into_id',
      'reopen_count',
      'archived_at',
      'closed_at',
      'resolved_at',
      'incomplete',
      'type_id',
    ]) {
      await q.query(`ALTER TABLE tickets DROP COLUMN IF EXISTS ${column}`);
    }
    await q.query(`DROP TABLE IF EXISTS ticket_types`);
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT IF EXISTS tickets_status_known`);
  }
}
