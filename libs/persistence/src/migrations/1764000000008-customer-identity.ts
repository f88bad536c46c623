import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schema for customer merges, identity linking and near-duplicates (owned by the identity work); the shared columns are in TicketDomain1764000000006. */
export class CustomerIdentity1764000000008 implements MigrationInterface {
  name = 'CustomerIdentity1764000000008';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
