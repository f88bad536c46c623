import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrations (libs/integrations): outbound webhook subscriptions per tenant, one delivery row per
 * (subscription, ticket event, webhook event) with its attempt log, and the audit trail of personal-data
 * exports and erasures. Companies get a unique external id per tenant, so the CRM sync can upsert by it.
 * The append-only trigger lets an erasure transaction (and only one: it sets `switchboard.erasure`)
 * rewrite the personal data held in audit rows; deletes stay refused.
 */
export class Integrations1764000005000 implements MigrationInterface {
  name = 'Integrations1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        consecutive_failures integer NOT NULL DEFAULT 0,
        disabled_at timestamptz,
        disabled_reason text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX webhook_subscriptions_tenant ON webhook_subscriptions (tenant_id) WHERE status = 'active'`,
    );
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        ticket_id uuid NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        retry_until timestamptz NOT NULL,
        last_status_code integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, event_id, event_type)
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at DESC)`,
    );
    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        status_code integer,
        error text,
        duration_ms integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        UNIQUE (delivery_id, attempt)
      )`);
    await q.query(`
      CREATE TABLE personal_data_audit (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        customer_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('export', 'erasure')),
        actor_id uuid NOT NULL,
        summary jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`REVOKE UPDATE, DELETE ON personal_data_audit FROM switchboard_tenant`);
    await q.query(
      `CREATE INDEX personal_data_audit_customer ON personal_data_audit (tenant_id, customer_id, occurred_at)`,
    );
    await q.query(`
      CREATE TRIGGER personal_data_audit_no_update_delete BEFORE UPDATE OR DELETE ON personal_data_audit
      FOR EACH ROW EXECUTE FUNCTION refuse_update_delete()`);
    await q.query(
      `CREATE UNIQUE INDEX companies_external_id ON companies (tenant_id, external_id) WHERE external_id IS NOT NULL`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION refuse_update_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('switchboard.erasure', true) = 'on' THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of [
      'webhook_subscriptions',
      'webhook_deliveries',
      'webhook_delivery_attempts',
      'personal_data_audit',
    ])
      await q.query(`SELECT enable_tenant_isolation('${table}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION refuse_update_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP INDEX IF EXISTS companies_external_id`);
    for (const table of [
      'personal_data_audit',
      'webhook_delivery_attempts',
      'webhook_deliveries',
      'webhook_subscriptions',
    ])
      await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
