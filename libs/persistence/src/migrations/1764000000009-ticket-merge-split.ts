import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schema for ticket merge, split and links (owned by the merge work); the shared columns are in TicketDomain1764000000006. */
export class TicketMergeSplit1764000000009 implements MigrationInterface {
  name = 'TicketMergeSplit1764000000009';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
