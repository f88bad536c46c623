import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket numbers come from one sequence per tenant instead of a counter column: a counter row is
 * locked until the ingest transaction commits, which serialized every batch of a tenant; nextval()
 * never blocks. A rolled-back batch leaves a gap, and numbers are still never reused.
 */
export class TicketNumberSequences1764000000002 implements MigrationInterface {
  name = 'TicketNumberSequences1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ticket_number_sequence(tenant uuid) RETURNS text LANGUAGE sql IMMUTABLE
      AS $$ SELECT 'ticket_numbers_' || replace(tenant::text, '-', '') $$`);
    await q.query(`
      DO $$ DECLARE t record; BEGIN
        FOR t IN SELECT id, next_ticket_number FROM tenants LOOP
          EXECUTE format('CREATE SEQUENCE %I START WITH %s', ticket_number_sequence(t.id), t.next_ticket_number);
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE tenants DROP COLUMN next_ticket_number`);
    await q.query(`
      CREATE FUNCTION create_ticket_number_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', ticket_number_sequence(NEW.id));
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tenants_ticket_number_sequence AFTER INSERT ON tenants
      FOR EACH ROW EXECUTE FUNCTION create_ticket_number_sequence()`);
    await q.query(`DROP INDEX IF EXISTS tickets_assignee`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tickets_assignee ON tickets (tenant_id, assignee_id, status)`);
    await q.query(`DROP TRIGGER IF EXISTS tenants_ticket_number_sequence ON tenants`);
    await q.query(`DROP FUNCTION IF EXISTS create_ticket_number_sequence()`);
    await q.query(`ALTER TABLE tenants ADD COLUMN next_ticket_number bigint NOT NULL DEFAULT 1`);
    await q.query(`
      DO $$ DECLARE t record; BEGIN
        FOR t IN SELECT id FROM tenants LOOP
          EXECUTE format('UPDATE tenants SET next_ticket_number = (SELECT last_value + 1 FROM %I) WHERE id = %L',
            ticket_number_sequence(t.id), t.id);
          EXECUTE format('DROP SEQUENCE IF EXISTS %I', ticket_number_sequence(t.id));
        END LOOP;
      END $$`);
    await q.query(`DROP FUNCTION IF EXISTS ticket_number_sequence(uuid)`);
  }
}
