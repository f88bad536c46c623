import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = [
  'business_calendars',
  'business_calendar_days',
  'sla_policies',
  'sla_policy_versions',
  'sla_tickets',
  'sla_clocks',
  'sla_timers',
  'sla_measures',
];

/**
 * The SLA engine (libs/sla): business calendars with edited days (holidays, make-up working days),
 * versioned policies, one row per tracked ticket, one per clock cycle, durable timers (due rows
 * claimed FOR UPDATE SKIP LOCKED) and the measures kept for statistics.
 */
export class SlaEngine1764000001000 implements MigrationInterface {
  name = 'SlaEngine1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE business_calendars (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL,
        time_zone text NOT NULL,
        always_open boolean NOT NULL DEFAULT false,
        weekly jsonb NOT NULL,
        official_source jsonb,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      )`);
    await q.query(`
      CREATE TABLE business_calendar_days (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        calendar_id uuid NOT NULL REFERENCES business_calendars(id) ON DELETE CASCADE,
        date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('holiday', 'working')),
        ranges jsonb NOT NULL DEFAULT '[]',
        name text NOT NULL DEFAULT '',
        source text NOT NULL CHECK (source IN ('admin', 'official')),
        PRIMARY KEY (calendar_id, date)
      )`);
    await q.query(`
      CREATE TABLE sla_policies (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        key text NOT NULL CHECK (key ~ '^[a-z0-9_-]{1,64}$'),
        name text NOT NULL,
        position integer NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        conditions jsonb NOT NULL DEFAULT '{}',
        calendar_id uuid NOT NULL REFERENCES business_calendars(id),
        targets jsonb NOT NULL,
        reminders jsonb NOT NULL DEFAULT '[]',
        escalations jsonb NOT NULL DEFAULT '[]',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, key)
      )`);
    await q.query(`CREATE INDEX sla_policies_order ON sla_policies (tenant_id, position)`);
    // The versions a save replaced; no foreign key to the policy: the record must outlive it.
    await q.query(`
      CREATE TABLE sla_policy_versions (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        policy_id uuid NOT NULL,
        version integer NOT NULL,
        snapshot jsonb NOT NULL,
        valid_from timestamptz NOT NULL,
        replaced_at timestamptz NOT NULL DEFAULT now(),
        replaced_by uuid,
        UNIQUE (policy_id, version)
      )`);
    await q.query(`
      CREATE TRIGGER sla_policy_versions_no_update_delete BEFORE UPDATE OR DELETE ON sla_policy_versions
      FOR EACH ROW EXECUTE FUNCTION refuse_update_delete()`);
    await q.query(`
      CREATE TABLE sla_tickets (
        ticket_id uuid PRIMARY KEY REFERENCES tickets(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        policy_id uuid,
        policy_version integer,
        calendar_id uuid,
        calendar_version integer,
        priority text NOT NULL,
        status text NOT NULL,
        responded boolean NOT NULL DEFAULT false,
        recent_event_ids uuid[] NOT NULL DEFAULT '{}',
        needs_recompute boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sla_tickets_recompute ON sla_tickets (tenant_id) WHERE needs_recompute`);
    await q.query(`CREATE INDEX sla_tickets_policy ON sla_tickets (tenant_id, policy_id)`);
    await q.query(`
      CREATE TABLE sla_clocks (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL REFERENCES sla_tickets(ticket_id),
        metric text NOT NULL,
        cycle integer NOT NULL,
        state text NOT NULL CHECK (state IN ('running', 'paused', 'met', 'cancelled')),
        target_seconds integer NOT NULL CHECK (target_seconds > 0),
        started_at timestamptz NOT NULL,
        elapsed_seconds double precision NOT NULL DEFAULT 0,
        running_since timestamptz,
        due_at timestamptz,
        breached_at timestamptz,
        reminders_sent integer NOT NULL DEFAULT 0,
        escalated_level smallint NOT NULL DEFAULT 0,
        stopped_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        UNIQUE (ticket_id, metric, cycle)
      )`);
    await q.query(`CREATE INDEX sla_clocks_open ON sla_clocks (ticket_id) WHERE state IN ('running', 'paused')`);
    await q.query(`
      CREATE TABLE sla_timers (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL,
        clock_id uuid NOT NULL REFERENCES sla_clocks(id) ON DELETE CASCADE,
        clock_version integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('reminder', 'breach', 'escalation')),
        level smallint NOT NULL,
        fire_at timestamptz NOT NULL,
        UNIQUE (clock_id, clock_version, kind, level)
      )`);
    await q.query(`CREATE INDEX sla_timers_due ON sla_timers (fire_at)`);
    await q.query(`
      CREATE TABLE sla_measures (
        clock_id uuid PRIMARY KEY REFERENCES sla_clocks(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL,
        metric text NOT NULL,
        cycle integer NOT NULL,
        policy_id uuid,
        outcome text NOT NULL CHECK (outcome IN ('met', 'cancelled')),
        target_seconds integer NOT NULL,
        started_at timestamptz NOT NULL,
        stopped_at timestamptz NOT NULL,
        business_seconds double precision NOT NULL,
        wall_seconds double precision NOT NULL,
        breached boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX sla_measures_ticket ON sla_measures (tenant_id, ticket_id)`);
    await q.query(`CREATE INDEX sla_measures_stats ON sla_measures (tenant_id, metric, stopped_at)`);
    await q.query(`REVOKE UPDATE, DELETE ON sla_policy_versions FROM switchboard_tenant`);
    for (const table of TABLES) await q.query(`SELECT enable_tenant_isolation('${table}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
