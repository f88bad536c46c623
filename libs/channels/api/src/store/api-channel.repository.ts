import type { ChannelSqlClient } from '@switchboard/channel-sdk';

export interface ApiChannelRow {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly name: string;
  readonly outboundUrl: string;
  readonly enabled: boolean;
  readonly createdAt: Date;
}

export interface ApiChannelWithSecrets extends ApiChannelRow {
  /** Secrets valid now, newest first: during a rotation's overlap, the new one and the old one. */
  readonly secrets: readonly string[];
}

interface ChannelRecord {
  id: string;
  tenant_id: string;
  tenant_slug: string;
  name: string;
  outbound_url: string;
  enabled: boolean;
  created_at: Date;
}

const COLUMNS = 'c.id, c.tenant_id, c.tenant_slug, c.name, c.outbound_url, c.enabled, c.created_at';

const rowOf = (r: ChannelRecord): ApiChannelRow => ({
  id: r.id,
  tenantId: r.tenant_id,
  tenantSlug: r.tenant_slug,
  name: r.name,
  outboundUrl: r.outbound_url,
  enabled: r.enabled,
  createdAt: r.created_at,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** api_channels and api_channel_secrets (owner: this lib). */
export class ApiChannelRepository {
  constructor(private readonly db: ChannelSqlClient) {}

  /** The webhook's lookup by the id in the inbound URL, with the secrets valid at `now`. */
  async findWithSecrets(id: string, now: Date): Promise<ApiChannelWithSecrets | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = await this.db.query<ChannelRecord & { secrets: string[] | null }>(
      `SELECT ${COLUMNS},
              array(SELECT s.secret FROM api_channel_secrets s
                     WHERE s.channel_id = c.id AND (s.expires_at IS NULL OR s.expires_at > $2)
                     ORDER BY s.created_at DESC) AS secrets
         FROM api_channels c WHERE c.id = $1`,
      [id, now],
    );
    const row = rows[0];
    return row ? { ...rowOf(row), secrets: row.secrets ?? [] } : undefined;
  }

  async list(tenantId: string): Promise<ApiChannelRow[]> {
    const rows = await this.db.query<ChannelRecord>(
      `SELECT ${COLUMNS} FROM api_channels c WHERE c.tenant_id = $1 ORDER BY c.created_at`,
      [tenantId],
    );
    return rows.map(rowOf);
  }

  async get(tenantId: string, id: string): Promise<ApiChannelRow | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = await this.db.query<ChannelRecord>(
      `SELECT ${COLUMNS} FROM api_channels c WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, id],
    );
    return rows[0] ? rowOf(rows[0]) : undefined;
  }

  /**
   * Creates a channel with its first secret; undefined when the tenant already has one of that name.
   * The tenant's slug is copied here, once, so that the webhook never reads the tenants table.
   */
  async insert(
    channel: Pick<ApiChannelRow, 'id' | 'tenantId' | 'name' | 'outboundUrl'>,
    secretId: string,
    secret: string,
  ): Promise<ApiChannelRow | undefined> {
    const rows = await this.db.query<ChannelRecord>(
      `INSERT INTO api_channels (id, tenant_id, tenant_slug, name, outbound_url)
       SELECT $1, t.id, t.slug, $3, $4 FROM tenants t WHERE t.id = $2
       ON CONFLICT (tenant_id, name) DO NOTHING
       RETURNING id, tenant_id, tenant_slug, name, outbound_url, enabled, created_at`,
      [channel.id, channel.tenantId, channel.name, channel.outboundUrl],
    );
    const row = rows[0];
    if (!row) return undefined;
    await this.addSecret(channel.tenantId, channel.id, secretId, secret);
    return rowOf(row);
  }

  async addSecret(tenantId: string, channelId: string, secretId: string, secret: string): Promise<void> {
    await this.db.query(`INSERT INTO api_channel_secrets (id, tenant_id, channel_id, secret) VALUES ($1, $2, $3, $4)`, [
      secretId,
      tenantId,
      channelId,
      secret,
    ]);
  }

  /** Ends the overlap of every secret still open-ended (the new one is added right after, in the same transaction). */
  async expireCurrentSecrets(tenantId: string, channelId: string, expiresAt: Date): Promise<void> {
    await this.db.query(
      `UPDATE api_channel_secrets SET expires_at = LEAST(COALESCE(expires_at, $3), $3)
        WHERE tenant_id = $1 AND channel_id = $2 AND (expires_at IS NULL OR expires_at > $3)`,
      [tenantId, channelId, expiresAt],
    );
  }
}
