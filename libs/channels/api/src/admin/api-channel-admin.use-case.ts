import { randomBytes } from 'node:crypto';
import { inChannelTenantScope, type TransactionalChannelSqlClient } from '@switchboard/channel-sdk';
import { decodeOutboundMessage, DeliveryReport_Status } from '@switchboard/contracts';
import { destinationProblemOf } from '@switchboard/http';
import { newId } from '@switchboard/ids';
import { ApiChannelException, ApiChannelExceptionCode } from '../api-channel.exception';
import type { ApiChannelConfig } from '../config/api-channel.config';
import type { DeliverApiAnswer } from '../outbound/deliver-api-answer';
import { ApiChannelRepository, type ApiChannelRow } from '../store/api-channel.repository';
import { ApiDeliveryRepository, type ApiDeliveryView } from '../store/api-delivery.repository';

export interface ApiChannelView {
  readonly id: string;
  readonly name: string;
  readonly inboundUrl: string;
  readonly outboundUrl: string;
  readonly enabled: boolean;
  readonly createdAt: string;
}

export interface CreatedApiChannel extends ApiChannelView {
  /** Shown once: only its holder can sign inbound requests and verify our deliveries. */
  readonly secret: string;
}

export interface RotatedSecret {
  readonly secret: string;
  /** Until then the previous secret is still accepted inbound and still signs deliveries (with the new one). */
  readonly previousValidUntil: string;
}

export interface ReplayResult {
  readonly outcome: 'delivered' | 'failed';
  readonly error?: string;
}

export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** An admin's API channels: create (URL + secret), list, rotate the secret, read the delivery log, replay. */
export class ApiChannelAdminUseCase {
  constructor(
    private readonly db: TransactionalChannelSqlClient,
    private readonly config: ApiChannelConfig,
    private readonly deliverAnswer: DeliverApiAnswer,
    private readonly reportReplayed: (report: {
      message: ReturnType<typeof decodeOutboundMessage>;
      providerMessageId: string;
    }) => Promise<void>,
  ) {}

  private viewOf(row: ApiChannelRow): ApiChannelView {
    return {
      id: row.id,
      name: row.name,
      inboundUrl: `${this.config.publicUrl}/api/v1/channels/api/${row.id}/messages`,
      outboundUrl: row.outboundUrl,
      enabled: row.enabled,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async create(tenantId: string, input: { name: string; outboundUrl: string }): Promise<CreatedApiChannel> {
    // Judged when saved, so the admin hears it at once; every delivery judges the resolved address again.
    const problem = destinationProblemOf(input.outboundUrl, this.config.delivery.destinations);
    if (problem)
      throw new ApiChannelException(ApiChannelExceptionCode.OutboundUrlNotAllowed, `outboundUrl ${problem.message}.`);
    const secret = newSecret();
    const row = await inChannelTenantScope(this.db, tenantId, (tx) =>
      new ApiChannelRepository(tx).insert({ id: newId(), tenantId, ...input }, newId(), secret),
    );
    if (!row)
      throw new ApiChannelException(ApiChannelExceptionCode.NameTaken, `An API channel named ${input.name} exists.`);
    return { ...this.viewOf(row), secret };
  }

  async list(tenantId: string): Promise<{ channels: ApiChannelView[] }> {
    const rows = await inChannelTenantScope(this.db, tenantId, (tx) => new ApiChannelRepository(tx).list(tenantId));
    return { channels: rows.map((r) => this.viewOf(r)) };
  }

  async rotateSecret(tenantId: string, id: string, overlapSeconds?: number): Promise<RotatedSecret> {
    const secret = newSecret();
    const until = new Date(Date.now() + (overlapSeconds ?? this.config.defaultOverlapSeconds) * 1000);
    await inChannelTenantScope(this.db, tenantId, async (tx) => {
      const channels = new ApiChannelRepository(tx);
      if (!(await channels.get(tenantId, id))) throw notFound(id);
      await channels.expireCurrentSecrets(tenantId, id, until);
      await channels.addSecret(tenantId, id, newId(), secret);
    });
    return { secret, previousValidUntil: until.toISOString() };
  }

  async deliveries(tenantId: string, id: string, limit = 100): Promise<{ deliveries: ApiDeliveryView[] }> {
    return inChannelTenantScope(this.db, tenantId, async (tx) => {
      if (!(await new ApiChannelRepository(tx).get(tenantId, id))) throw notFound(id);
      return { deliveries: await new ApiDeliveryRepository(tx).list(tenantId, id, limit) };
    });
  }

  /** POSTs a logged answer again now (a new attempt in the log, marked replay), whatever its earlier outcome. */
  async replay(tenantId: string, id: string, deliveryId: string): Promise<ReplayResult> {
    const logged = await inChannelTenantScope(this.db, tenantId, (tx) =>
      new ApiDeliveryRepository(tx).payloadOf(tenantId, id, deliveryId),
    );
    if (!logged)
      throw new ApiChannelException(
        ApiChannelExceptionCode.DeliveryNotFound,
        `No delivery ${deliveryId} on this channel.`,
      );
    const message = decodeOutboundMessage(logged.payload);
    try {
      const outcome = await this.deliverAnswer.execute(message, logged.attempts + 1, true);
      if (outcome.status === DeliveryReport_Status.SENT || outcome.status === DeliveryReport_Status.DELIVERED)
        await this.reportReplayed({ message, providerMessageId: outcome.providerMessageId });
      return { outcome: 'delivered' };
    } catch (error) {
      return { outcome: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
  }
}

const notFound = (id: string) => new ApiChannelException(ApiChannelExceptionCode.NotFound, `No API channel ${id}.`);
