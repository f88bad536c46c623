import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer self-service (libs/self-service): one-time lookup codes (only their hash is stored),
 * satisfaction ratings per resolution round, technician visits with a durable reminder due-row, and
 * the per-tenant settings (ask for CSAT, delay, auto-close, time zone).
 */
export class SelfService1764000000300 implements MigrationInterface {
  name = 'SelfService1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE self_service_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
        ask_csat boolean NOT NULL DEFAULT true,
        csat_delay_seconds integer NOT NULL DEFAULT 0 CHECK (csat_delay_seconds >= 0),
        auto_close_after_days integer CHECK (auto_close_after_days IS NULL OR auto_close_after_days > 0),
        time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
        visit_ticket_types text[] NOT NULL DEFAULT '{repair}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE portal_lookup_codes (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        customer_id uuid NOT NULL REFERENCES customers(id),
        code_hash text NOT NULL,
        contact text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX portal_lookup_codes_ticket ON portal_lookup_codes (tenant_id, ticket_id, expires_at)`);
    await q.query(`
      CREATE TABLE csat_requests (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        round integer NOT NULL CHECK (round > 0),
        resolved_at timestamptz NOT NULL,
        channel text NOT NULL,
        agent_id uuid,
        team_id uuid,
        asked_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, ticket_id, round),
        UNIQUE (tenant_id, ticket_id, resolved_at)
      )`);
    await q.query(`
      CREATE TABLE csat_ratings (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        round integer NOT NULL CHECK (round > 0),
        score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment text NOT NULL DEFAULT '',
        channel text NOT NULL,
        agent_id uuid,
        team_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, ticket_id, round)
      )`);
    await q.query(`
      CREATE TABLE appointments (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        technician_name text NOT NULL,
        technician_phone text NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        time_zone text NOT NULL,
        address text NOT NULL,
        note text NOT NULL DEFAULT '',
        reminder_due_at timestamptz,
        reminder_sent_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (window_end > window_start)
      )`);
    await q.query(`CREATE INDEX appointments_ticket ON appointments (tenant_id, ticket_id)`);
    await q.query(
      `CREATE INDEX appointments_technician ON appointments (tenant_id, technician_phone, window_start) WHERE status = 'scheduled'`,
    );
    await q.query(
      `CREATE INDEX appointments_reminder_due ON appointments (reminder_due_at) WHERE reminder_sent_at IS NULL AND status = 'scheduled'`,
    );
    for (const table of [
      'self_service_settings',
      'portal_lookup_codes',
      'csat_requests',
      'csat_ratings',
      'appointments',
    ])
      await q.query(`SELECT enable_tenant_isolation('${table}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'appointments',
      'csat_ratings',
      'csat_requests',
      'portal_lookup_codes',
      'self_service_settings',
    ])
      await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
