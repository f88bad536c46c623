import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The core schema. Every table carries tenant_id. ticket_events is append-only: a trigger refuses
 * UPDATE and DELETE so the audit trail cannot be rewritten, whatever the application does.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        name text NOT NULL,
        ticket_prefix text NOT NULL DEFAULT 'SB',
        next_ticket_number bigint NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL,
        strategy text NOT NULL DEFAULT 'least_loaded' CHECK (strategy IN ('least_loaded', 'round_robin', 'sticky')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      )`);
    await q.query(`
      CREATE TABLE agents (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        team_id uuid REFERENCES teams(id),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL DEFAULT 'agent' CHECK (role IN ('agent', 'manager', 'admin')),
        password_hash text,
        presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline')),
        capacity integer NOT NULL DEFAULT 20 CHECK (capacity >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, email)
      )`);
    await q.query(`CREATE INDEX agents_team ON agents (tenant_id, team_id)`);
    await q.query(`
      CREATE TABLE routing_rules (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL,
        position integer NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        conditions jsonb NOT NULL DEFAULT '{}',
        team_id uuid NOT NULL REFERENCES teams(id),
        priority text CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, position)
      )`);
    await q.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text,
        tier text NOT NULL DEFAULT 'standard',
        region text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Deferred so a batch can claim identities first and create the customers they point to after.
    await q.query(`
      CREATE TABLE customer_identities (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        kind text NOT NULL CHECK (kind IN ('email', 'phone', 'wechat_openid', 'wechat_unionid', 'external')),
        value text NOT NULL,
        customer_id uuid NOT NULL REFERENCES customers(id) DEFERRABLE INITIALLY DEFERRED,
        verified boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, kind, value)
      )`);
    await q.query(`CREATE INDEX customer_identities_customer ON customer_identities (customer_id)`);
    await q.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        number text NOT NULL,
        customer_id uuid NOT NULL REFERENCES customers(id),
        status text NOT NULL DEFAULT 'new',
        priority text NOT NULL DEFAULT 'normal',
        category text,
        channel text NOT NULL,
        subject text NOT NULL DEFAULT '',
        tier text NOT NULL DEFAULT 'standard',
        region text,
        language text,
        conversation_key text NOT NULL,
        team_id uuid REFERENCES teams(id),
        assignee_id uuid REFERENCES agents(id),
        custom_fields jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        assigned_at timestamptz,
        UNIQUE (tenant_id, number)
      )`);
    await q.query(
      `CREATE INDEX tickets_open_conversation ON tickets (tenant_id, conversation_key) WHERE status NOT IN ('resolved', 'closed')`,
    );
    await q.query(`CREATE INDEX tickets_assignee ON tickets (tenant_id, assignee_id, status)`);
    await q.query(`
      CREATE TABLE ticket_messages (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'note')),
        channel text NOT NULL,
        channel_message_id text NOT NULL,
        customer_id uuid REFERENCES customers(id),
        subject text NOT NULL DEFAULT '',
        body_text text NOT NULL DEFAULT '',
        body_html text NOT NULL DEFAULT '',
        attachments jsonb NOT NULL DEFAULT '[]',
        metadata jsonb NOT NULL DEFAULT '{}',
        received_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, channel, channel_message_id)
      )`);
    await q.query(`CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, received_at)`);
    await q.query(`
      CREATE TABLE ticket_events (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        type text NOT NULL,
        actor_kind text NOT NULL,
        actor_id text,
        data jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, occurred_at)`);
    await q.query(`
      CREATE FUNCTION refuse_update_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER ticket_events_no_update_delete BEFORE UPDATE OR DELETE ON ticket_events
      FOR EACH ROW EXECUTE FUNCTION refuse_update_delete()`);
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        tenant_id uuid,
        topic text NOT NULL,
        key text NOT NULL,
        payload bytea NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'outbox',
      'ticket_events',
      'ticket_messages',
      'tickets',
      'customer_identities',
      'customers',
      'routing_rules',
      'agents',
      'teams',
      'tenants',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS refuse_update_delete()`);
  }
}
