import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Inbox lists sort newest first per tenant, per team (managers) and per assignee (agents). */
export class TicketListIndexes1764000000001 implements MigrationInterface {
  name = 'TicketListIndexes1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tickets_tenant_recent ON tickets (tenant_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX tickets_team_recent ON tickets (tenant_id, team_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX tickets_assignee_recent ON tickets (tenant_id, assignee_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tickets_assignee_recent`);
    await q.query(`DROP INDEX IF EXISTS tickets_team_recent`);
    await q.query(`DROP INDEX IF EXISTS tickets_tenant_recent`);
  }
}
