import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer identity work: a customer's tier may be unset (its company's tier applies), an append-only
 * record of manual merges and unmerges, a normalized-text hash on messages for near-duplicate
 * detection, and an index to find a conversation's latest ticket whatever its status (reopen policy).
 */
export class CustomerIdentity1764000000008 implements MigrationInterface {
  name = 'CustomerIdentity1764000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers ALTER COLUMN tier DROP NOT NULL, ALTER COLUMN tier DROP DEFAULT`);
    // 'standard' was only ever the column default; unset lets a company's tier apply.
    await q.query(`UPDATE customers SET tier = NULL WHERE tier = 'standard'`);
    await q.query(`CREATE INDEX customers_company ON customers (company_id) WHERE company_id IS NOT NULL`);
    await q.query(`CREATE INDEX customers_tenant_name ON customers (tenant_id, lower(name))`);
    await q.query(`
      CREATE TABLE customer_merges (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        kind text NOT NULL CHECK (kind IN ('merge', 'unmerge')),
        target_customer_id uuid NOT NULL REFERENCES customers(id),
        source_customer_id uuid NOT NULL REFERENCES customers(id),
        undoes_merge_id uuid UNIQUE REFERENCES customer_merges(id),
        identity_keys jsonb NOT NULL,
        ticket_ids uuid[] NOT NULL,
        actor_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'unmerge') = (undoes_merge_id IS NOT NULL)),
        CHECK (target_customer_id <> source_customer_id)
      )`);
    await q.query(`CREATE INDEX customer_merges_target ON customer_merges (target_customer_id, created_at)`);
    await q.query(`
      CREATE TRIGGER customer_merges_no_update_delete BEFORE UPDATE OR DELETE ON customer_merges
      FOR EACH ROW EXECUTE FUNCTION refuse_update_delete()`);
    await q.query(`ALTER TABLE ticket_messages ADD COLUMN text_hash text`);
    await q.query(`
      CREATE INDEX ticket_messages_near_duplicate ON ticket_messages (tenant_id, customer_id, text_hash, received_at)
        WHERE text_hash IS NOT NULL`);
    await q.query(`CREATE INDEX tickets_conversation_latest ON tickets (tenant_id, conversation_key, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tickets_conversation_latest`);
    await q.query(`DROP INDEX IF EXISTS ticket_messages_near_duplicate`);
    await q.query(`ALTER TABLE ticket_messages DROP COLUMN IF EXISTS text_hash`);
    await q.query(`DROP TABLE IF EXISTS customer_merges`);
    await q.query(`DROP INDEX IF EXISTS customers_tenant_name`);
    await q.query(`DROP INDEX IF EXISTS customers_company`);
    await q.query(`UPDATE customers SET tier = 'standard' WHERE tier IS NULL`);
    await q.query(`ALTER TABLE customers ALTER COLUMN tier SET DEFAULT 'standard', ALTER COLUMN tier SET NOT NULL`);
  }
}
