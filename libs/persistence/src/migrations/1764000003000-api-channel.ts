import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The no-code API channel (libs/channels/api): one row per channel an admin created, its signing
 * secrets (several during a rotation's overlap), and the delivery log of agent answers POSTed to the
 * integrator, one row per attempt, with the answer kept for the replay action. Per tenant, under
 * row-level security; the webhook finds a channel by its id (the inbound URL), as the table owner.
 */
export class ApiChannel1764000003000 implements MigrationInterface {
  name = 'ApiChannel1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_channels (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        -- The slug InboundMessage.tenant carries, copied at creation: the webhook never reads tenants.
        tenant_slug text NOT NULL,
        name text NOT NULL,
        outbound_url text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      )`);
    await q.query(`
      CREATE TABLE api_channel_secrets (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        channel_id uuid NOT NULL REFERENCES api_channels(id) ON DELETE CASCADE,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- NULL: the current secret. A rotation sets the old one's end of overlap.
        expires_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_channel_secrets_channel ON api_channel_secrets (channel_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE api_deliveries (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        channel_id uuid NOT NULL REFERENCES api_channels(id) ON DELETE CASCADE,
        outbound_message_id uuid NOT NULL,
        ticket_id uuid NOT NULL,
        attempt integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'given_up')),
        http_status integer,
        error text NOT NULL DEFAULT '',
        replay boolean NOT NULL DEFAULT false,
        -- The OutboundMessage (protobuf), so an admin can replay it.
        payload bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX api_deliveries_channel ON api_deliveries (tenant_id, channel_id, created_at DESC)`);
    await q.query(`CREATE INDEX api_deliveries_message ON api_deliveries (outbound_message_id)`);
    for (const table of ['api_channels', 'api_channel_secrets', 'api_deliveries'])
      await q.query(`SELECT enable_tenant_isolation('${table}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_deliveries`);
    await q.query(`DROP TABLE api_channel_secrets`);
    await q.query(`DROP TABLE api_channels`);
  }
}
