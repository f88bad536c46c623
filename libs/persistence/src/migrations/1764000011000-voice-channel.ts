import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SMS/voice channel (libs/channels/voice): opt-outs per tenant and customer number (STOP until
 * START), the state of a call between its Twilio webhooks (with an expiry), and the highest delivery
 * status applied per outbound SMS (callbacks arrive out of order). Keyed by the configured tenant slug:
 * the channel never reads tenants; no tenant_id column, so no row-level security (one owner, the channel).
 */
export class VoiceChannel1764000011000 implements MigrationInterface {
  name = 'VoiceChannel1764000011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE voice_opt_outs (
        tenant text NOT NULL,
        phone text NOT NULL,
        source text NOT NULL CHECK (source IN ('keyword', 'provider')),
        detail text NOT NULL DEFAULT '',
        opted_out_at timestamptz NOT NULL,
        PRIMARY KEY (tenant, phone)
      )`);
    await q.query(`
      CREATE TABLE voice_calls (
        call_sid text PRIMARY KEY,
        tenant text NOT NULL,
        caller text NOT NULL,
        called text NOT NULL,
        category text,
        voicemail_offered boolean NOT NULL DEFAULT false,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX voice_calls_expiry ON voice_calls (expires_at)`);
    await q.query(`
      CREATE TABLE voice_sms_statuses (
        message_id text PRIMARY KEY,
        tenant text NOT NULL,
        rank integer NOT NULL,
        status text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE voice_sms_statuses`);
    await q.query(`DROP TABLE voice_calls`);
    await q.query(`DROP TABLE voice_opt_outs`);
  }
}
