import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #19, optional single sign-on per tenant: the tenant's OpenID Connect provider and our client
 * registration there. An agent signs in through it when the ID token's verified email is theirs.
 */
export class TenantOidc1764000004002 implements MigrationInterface {
  name = 'TenantOidc1764000004002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_oidc_providers (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
        issuer text NOT NULL,
        client_id text NOT NULL,
        client_secret text NOT NULL,
        redirect_uri text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`SELECT enable_tenant_isolation('tenant_oidc_providers')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tenant_oidc_providers`);
  }
}
