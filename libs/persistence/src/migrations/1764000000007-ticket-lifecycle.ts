import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schema for the lifecycle, review and history (owned by the lifecycle work); the shared columns are in TicketDomain1764000000006. */
export class TicketLifecycle1764000000007 implements MigrationInterface {
  name = 'TicketLifecycle1764000000007';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
