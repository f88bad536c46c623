import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #19, API keys for integrations: per tenant, with scopes, stored as a SHA-256 of the key (the
 * key itself is shown once, at creation), revocable, with the time it was last used.
 */
export class ApiKeys1764000004001 implements MigrationInterface {
  name = 'ApiKeys1764000004001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        scopes text[] NOT NULL CHECK (scopes <@ ARRAY['tickets:read', 'tickets:write', 'customers:write', 'webhooks:manage']),
        created_by uuid NOT NULL REFERENCES agents(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at DESC)`);
    await q.query(`SELECT enable_tenant_isolation('api_keys')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
  }
}
