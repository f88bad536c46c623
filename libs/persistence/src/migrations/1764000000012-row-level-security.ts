import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant isolation in the database itself. Requests made for one tenant run their transaction as
 * the role `switchboard_tenant` with `app.tenant_id` set (see inTenant): every table with a
 * tenant_id column has a policy that shows and accepts only that tenant's rows, so a query that
 * forgets its tenant filter still cannot see or change another tenant's data. The pipeline's
 * multi-tenant batches run as the owner, which row-level security does not restrict.
 *
 * Migrations that add a tenant table later call `enable_tenant_isolation('<table>')`.
 * ticket_events stays append-only twice over: the trigger, and no UPDATE/DELETE privilege.
 */
export class RowLevelSecurity1764000000012 implements MigrationInterface {
  name = 'RowLevelSecurity1764000000012';

  async up(q: QueryRunner): Promise<void> {
    // Roles belong to the cluster, not the database: another database may have made it already.
    await q.query(`
      DO $$ BEGIN
        CREATE ROLE switchboard_tenant NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`
      DO $$ BEGIN
        EXECUTE format('GRANT switchboard_tenant TO %I', current_user);
      EXCEPTION WHEN duplicate_object OR invalid_grant_operation THEN NULL;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO switchboard_tenant`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO switchboard_tenant`);
    await q.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO switchboard_tenant`);
    await q.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO switchboard_tenant`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO switchboard_tenant`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO switchboard_tenant`,
    );
    await q.query(`REVOKE UPDATE, DELETE ON ticket_events, routing_rule_versions FROM switchboard_tenant`);
    await q.query(`
      CREATE FUNCTION current_tenant_id() RETURNS uuid LANGUAGE sql STABLE
      AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$`);
    await q.query(`
      CREATE FUNCTION enable_tenant_isolation(target regclass, tenant_column text DEFAULT 'tenant_id')
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
        EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', target);
        EXECUTE format(
          'CREATE POLICY tenant_isolation ON %s TO switchboard_tenant USING (%I = current_tenant_id()) WITH CHECK (%I = current_tenant_id())',
          target, tenant_column, tenant_column);
      END $$`);
    await q.query(`SELECT enable_tenant_isolation('tenants', 'id')`);
    await q.query(`
      DO $$ DECLARE t record; BEGIN
        FOR t IN SELECT c.table_name FROM information_schema.columns c
                 JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
                 WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND tb.table_type = 'BASE TABLE'
        LOOP
          PERFORM enable_tenant_isolation(format('%I', t.table_name)::regclass);
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ DECLARE t record; BEGIN
        FOR t IN SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND policyname = 'tenant_isolation' LOOP
          EXECUTE format('DROP POLICY tenant_isolation ON %I', t.tablename);
          EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t.tablename);
        END LOOP;
      END $$`);
    await q.query(`DROP FUNCTION IF EXISTS enable_tenant_isolation(regclass, text)`);
    await q.query(`DROP FUNCTION IF EXISTS current_tenant_id()`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM switchboard_tenant`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM switchboard_tenant`);
  }
}
