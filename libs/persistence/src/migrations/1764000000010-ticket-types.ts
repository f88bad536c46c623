import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schema for ticket types and templates (owned by the templates work); the shared columns are in TicketDomain1764000000006. */
export class TicketTypes1764000000010 implements MigrationInterface {
  name = 'TicketTypes1764000000010';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
