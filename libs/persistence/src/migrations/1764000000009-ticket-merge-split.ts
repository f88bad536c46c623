import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema for ticket merge, split, links and watchers; the shared columns (merged_into_id, ticket_links)
 * are in TicketDomain1764000000006. A merged ticket's follow-ups and history are found by following
 * merged_into_id, so the survivor's lookups of "tickets merged into me" get an index.
 */
export class TicketMergeSplit1764000000009 implements MigrationInterface {
  name = 'TicketMergeSplit1764000000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ticket_watchers (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        agent_id uuid NOT NULL REFERENCES agents(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, agent_id)
      )`);
    await q.query(`CREATE INDEX ticket_watchers_agent ON ticket_watchers (tenant_id, agent_id)`);
    await q.query(`CREATE INDEX tickets_merged_into ON tickets (merged_into_id) WHERE merged_into_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tickets_merged_into`);
    await q.query(`DROP TABLE IF EXISTS ticket_watchers`);
  }
}
