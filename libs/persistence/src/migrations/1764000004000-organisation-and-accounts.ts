import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #19, organisation and accounts. Departments form a tree (parent_id) and hold teams
 * (teams.department_id); an agent belongs to several teams (team_memberships; agents.team_id stays
 * their primary team, the one routing assigns through). The role team_lead joins agent, manager and
 * admin. Sign-in sessions are refresh-token families: a refresh token is used once, and a used one
 * presented again revokes its whole session. Failed logins count per account for the lockout;
 * invitation and password-reset tokens are stored hashed and used once; every admin change is a row
 * of admin_audit_log, which like ticket_events is append-only.
 */
export class OrganisationAndAccounts1764000004000 implements MigrationInterface {
  name = 'OrganisationAndAccounts1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        parent_id uuid REFERENCES departments(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name),
        CHECK (parent_id IS DISTINCT FROM id)
      )`);
    await q.query(`ALTER TABLE teams ADD COLUMN department_id uuid REFERENCES departments(id)`);
    await q.query(`CREATE INDEX teams_department ON teams (tenant_id, department_id)`);
    await q.query(`ALTER TABLE agents DROP CONSTRAINT agents_role_check`);
    await q.query(
      `ALTER TABLE agents ADD CONSTRAINT agents_role_check CHECK (role IN ('agent', 'team_lead', 'manager', 'admin'))`,
    );
    await q.query(`ALTER TABLE agents ADD COLUMN deactivated_at timestamptz`);
    await q.query(`
      CREATE TABLE team_memberships (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        team_id uuid NOT NULL REFERENCES teams(id),
        agent_id uuid NOT NULL REFERENCES agents(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, agent_id, team_id)
      )`);
    await q.query(`CREATE INDEX team_memberships_team ON team_memberships (tenant_id, team_id)`);
    // Every agent with a primary team is a member of it.
    await q.query(
      `INSERT INTO team_memberships (tenant_id, team_id, agent_id) SELECT tenant_id, team_id, id FROM agents WHERE team_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        agent_id uuid NOT NULL REFERENCES agents(id),
        method text NOT NULL CHECK (method IN ('password', 'oidc')),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text CHECK (revoked_reason IN ('logout', 'refresh_token_reused', 'deactivated', 'password_reset'))
      )`);
    await q.query(`CREATE INDEX auth_sessions_agent ON auth_sessions (tenant_id, agent_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        session_id uuid NOT NULL REFERENCES auth_sessions(id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)`);
    await q.query(`
      CREATE TABLE login_failures (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        agent_id uuid NOT NULL REFERENCES agents(id),
        failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
        locked_until timestamptz,
        last_failure_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, agent_id)
      )`);
    await q.query(`
      CREATE TABLE account_tokens (
        token_hash text PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        agent_id uuid NOT NULL REFERENCES agents(id),
        purpose text NOT NULL CHECK (purpose IN ('invite', 'password_reset')),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE admin_audit_log (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        actor_id uuid REFERENCES agents(id),
        action text NOT NULL,
        target_kind text NOT NULL,
        target_id uuid,
        data jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX admin_audit_log_recent ON admin_audit_log (tenant_id, occurred_at DESC, id DESC)`);
    for (const table of [
      'departments',
      'team_memberships',
      'auth_sessions',
      'refresh_tokens',
      'login_failures',
      'account_tokens',
      'admin_audit_log',
    ]) {
      await q.query(`SELECT enable_tenant_isolation('${table}')`);
    }
    await q.query(`REVOKE UPDATE, DELETE ON admin_audit_log FROM switchboard_tenant`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'admin_audit_log',
      'account_tokens',
      'login_failures',
      'refresh_tokens',
      'auth_sessions',
      'team_memberships',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE agents DROP COLUMN deactivated_at`);
    await q.query(`UPDATE agents SET role = 'agent' WHERE role = 'team_lead'`);
    await q.query(`ALTER TABLE agents DROP CONSTRAINT agents_role_check`);
    await q.query(`ALTER TABLE agents ADD CONSTRAINT agents_role_check CHECK (role IN ('agent', 'manager', 'admin'))`);
    await q.query(`ALTER TABLE teams DROP COLUMN department_id`);
    await q.query(`DROP TABLE departments`);
  }
}
