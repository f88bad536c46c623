import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schema for the email channel: mailboxes, their IMAP cursors, sent Message-IDs (owned by the email work). */
export class EmailChannel1764000000011 implements MigrationInterface {
  name = 'EmailChannel1764000000011';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
