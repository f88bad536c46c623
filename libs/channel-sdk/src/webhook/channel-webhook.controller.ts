import { Controller, HttpCode, Inject, Post, Req, type Type } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Topics } from '@switchboard/contracts';
import { ApiErrorResponses, RouteLimits } from '@switchboard/http';
import { TRANSPORT, type Transport } from '@switchboard/messaging';
import type { AcceptedMessage, ChannelAdapter } from '../adapter/channel-adapter';
import type { ChannelIngress } from '../ingress/channel-ingress';
import type { ChannelMetrics } from '../metrics/channel-metrics';
import { channelTokens } from '../nest/channel-tokens';
import { deliveryReportRecord } from '../outbound/delivery-report';
import { inboundRequestOf } from './inbound-request';

export interface WebhookRouteOptions {
  /** The messages route, e.g. `api/v1/channels/api/:channelId/messages`. */
  readonly path: string;
  /** A status-callback route (channels with delivery receipts). */
  readonly statusPath?: string;
  readonly maxBodyBytes: number;
  readonly mediaTypes: readonly string[];
}

export interface WebhookAnswer {
  readonly accepted: readonly AcceptedMessage[];
}

/**
 * The adapter's webhook: verify (401 before the body means anything), normalize (400 for a body that is
 * not a message), publish, and only then answer 200, so a provider that got no answer retries and the
 * dedupe turns the retry into a duplicate. Built per adapter: @RouteLimits and paths are static.
 */
export function channelWebhookControllerFor(name: string, route: WebhookRouteOptions): Type {
  const tokens = channelTokens(name);
  @ApiTags(`channel ${name}`)
  @Controller()
  class ChannelWebhookController {
    constructor(
      @Inject(tokens.adapter) private readonly adapter: ChannelAdapter,
      @Inject(tokens.ingress) private readonly ingress: ChannelIngress,
      @Inject(tokens.metrics) private readonly metrics: ChannelMetrics,
    ) {}

    @Post(route.path)
    @HttpCode(200)
    @RouteLimits({ bodyLimit: route.maxBodyBytes, mediaTypes: route.mediaTypes })
    @ApiOperation({ summary: `An inbound message on the ${name} channel` })
    @ApiErrorResponses(400, 401, 404, 413, 415, 503)
    async receive(@Req() request: FastifyRequest): Promise<WebhookAnswer> {
      try {
        const inbound = inboundRequestOf(request);
        const source = await this.adapter.verify(inbound);
        const messages = await this.adapter.normalize(inbound, source);
        return { accepted: await this.ingress.accept(messages) };
      } catch (error) {
        this.metrics.inbound(name, 'refused');
        throw error;
      }
    }
  }
  return ChannelWebhookController;
}

/** A provider's status callback (verified like a message) → DeliveryReports on outbound.status.v1. */
export function channelStatusControllerFor(name: string, route: WebhookRouteOptions & { statusPath: string }): Type {
  const tokens = channelTokens(name);
  @ApiTags(`channel ${name}`)
  @Controller()
  class ChannelStatusController {
    constructor(
      @Inject(tokens.adapter) private readonly adapter: ChannelAdapter,
      @Inject(TRANSPORT) private readonly transport: Transport,
    ) {}

    @Post(route.statusPath)
    @HttpCode(200)
    @RouteLimits({ bodyLimit: route.maxBodyBytes, mediaTypes: route.mediaTypes })
    @ApiOperation({ summary: `A delivery status callback on the ${name} channel` })
    @ApiErrorResponses(400, 401, 404, 413, 415, 503)
    async status(@Req() request: FastifyRequest): Promise<{ reports: number }> {
      const inbound = inboundRequestOf(request);
      const source = await this.adapter.verify(inbound);
      const statuses = this.adapter.statuses ? await this.adapter.statuses(inbound, source) : [];
      const now = new Date();
      const records = statuses.map((s) => deliveryReportRecord(this.adapter.channel, s, now));
      if (records.length > 0) await this.transport.publish(Topics.outboundStatus, records);
      return { reports: records.length };
    }
  }
  return ChannelStatusController;
}
