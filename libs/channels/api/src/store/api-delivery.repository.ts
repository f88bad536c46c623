import type { ChannelSqlClient } from '@switchboard/channel-sdk';

export type DeliveryOutcomeName = 'delivered' | 'failed' | 'given_up';

export interface ApiDeliveryAttempt {
  readonly id: string;
  readonly tenantId: string;
  readonly channelId: string;
  readonly outboundMessageId: string;
  readonly ticketId: string;
  readonly attempt: number;
  readonly outcome: DeliveryOutcomeName;
  readonly httpStatus: number | null;
  readonly error: string;
  readonly replay: boolean;
  readonly payload: Uint8Array;
}

export interface ApiDeliveryView {
  readonly id: string;
  readonly outboundMessageId: string;
  readonly ticketId: string;
  readonly attempt: number;
  readonly outcome: DeliveryOutcomeName;
  readonly httpStatus: number | null;
  readonly error: string;
  readonly replay: boolean;
  readonly createdAt: string;
}

interface DeliveryRecord {
  id: string;
  outbound_message_id: string;
  ticket_id: string;
  attempt: number;
  outcome: DeliveryOutcomeName;
  http_status: number | null;
  error: string;
  replay: boolean;
  created_at: Date;
}

const viewOf = (r: DeliveryRecord): ApiDeliveryView => ({
  id: r.id,
  outboundMessageId: r.outbound_message_id,
  ticketId: r.ticket_id,
  attempt: r.attempt,
  outcome: r.outcome,
  httpStatus: r.http_status,
  error: r.error,
  replay: r.replay,
  createdAt: r.created_at.toISOString(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** api_deliveries (owner: this lib): one row per attempt to POST an answer to the integrator. */
export class ApiDeliveryRepository {
  constructor(private readonly db: ChannelSqlClient) {}

  async record(attempt: ApiDeliveryAttempt): Promise<void> {
    await this.db.query(
      `INSERT INTO api_deliveries (id, tenant_id, channel_id, outbound_message_id, ticket_id, attempt, outcome,
                                   http_status, error, replay, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        attempt.id,
        attempt.tenantId,
        attempt.channelId,
        attempt.outboundMessageId,
        attempt.ticketId,
        attempt.attempt,
        attempt.outcome,
        attempt.httpStatus,
        attempt.error.slice(0, 1_000),
        attempt.replay,
        Buffer.from(attempt.payload),
      ],
    );
  }

  async list(tenantId: string, channelId: string, limit: number): Promise<ApiDeliveryView[]> {
    const rows = await this.db.query<DeliveryRecord>(
      `SELECT id, outbound_message_id, ticket_id, attempt, outcome, http_status, error, replay, created_at
         FROM api_deliveries WHERE tenant_id = $1 AND channel_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3`,
      [tenantId, channelId, limit],
    );
    return rows.map(viewOf);
  }

  /** The answer a logged attempt carried, and how many attempts it has had so far. */
  async payloadOf(
    tenantId: string,
    channelId: string,
    id: string,
  ): Promise<{ payload: Uint8Array; attempts: number } | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = await this.db.query<{ payload: Buffer; attempts: number }>(
      `SELECT d.payload, (SELECT max(attempt) FROM api_deliveries x WHERE x.outbound_message_id = d.outbound_message_id)::int AS attempts
         FROM api_deliveries d WHERE d.tenant_id = $1 AND d.channel_id = $2 AND d.id = $3`,
      [tenantId, channelId, id],
    );
    const row = rows[0];
    return row ? { payload: new Uint8Array(row.payload), attempts: row.attempts } : undefined;
  }
}
