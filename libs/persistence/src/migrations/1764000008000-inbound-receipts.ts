import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What became of every inbound message, kept after the receipt topic has delivered it: a status
 * link asked after a restart (or of another instance) still answers with the ticket number or the
 * reason of a refusal. Keyed by the pipeline's message id; a message refused for an unknown tenant
 * has no tenant row, so the tenant is its slug and the table stays outside row-level security (only
 * the pipeline writes it; the public status route reads one row by an unguessable id).
 */
export class InboundReceipts1764000008000 implements MigrationInterface {
  name = 'InboundReceipts1764000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inbound_receipts (
        message_id text PRIMARY KEY,
        tenant_slug text NOT NULL,
        channel text,
        outcome text NOT NULL CHECK (outcome IN ('created', 'appended', 'duplicate', 'rejected')),
        ticket_id uuid,
        ticket_number text,
        reject_reason text,
        reject_detail text,
        field_errors jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inbound_receipts_created ON inbound_receipts (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS inbound_receipts`);
  }
}
