import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Threading looks a conversation up by its latest ticket whatever the status (the reopen policy needs
 * closed ones too), through `tickets_conversation_latest`; the partial index on open conversations is
 * no longer read and only cost an index entry on every ticket insert and status change.
 */
export class DropOpenConversationIndex1764000000014 implements MigrationInterface {
  name = 'DropOpenConversationIndex1764000000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tickets_open_conversation`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX tickets_open_conversation ON tickets (tenant_id, conversation_key) WHERE status NOT IN ('resolved', 'closed')`,
    );
  }
}
