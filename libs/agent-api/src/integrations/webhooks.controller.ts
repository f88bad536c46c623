import { Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import type { z } from 'zod';
import { ApiErrorResponses, ZodBody, ZodParams, ZodQuery } from '@switchboard/http';
import {
  ManageWebhooksUseCase,
  type CreatedWebhookView,
  type WebhookDeliveryView,
  type WebhookSubscriptionView,
} from '@switchboard/integrations';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import {
  createWebhookSchema,
  deliveriesQuerySchema,
  deliveryParamsSchema,
  updateWebhookSchema,
  webhookParamsSchema,
} from './integrations.schemas';

type Of<Schema extends z.ZodType> = z.output<Schema>;

/**
 * Outbound webhooks of the tenant (admins only): subscriptions to ticket events, signed with
 * HMAC-SHA256 (`Switchboard-Signature: t=<unix>,v1=<hex>` over `<t>.<body>`), their delivery log
 * with every attempt's status code, and manual replay.
 */
@AgentApiController('webhooks')
@Authenticated()
@Roles('admin')
export class WebhooksController {
  constructor(private readonly webhooks: ManageWebhooksUseCase) {}

  @Post('webhooks')
  @ApiErrorResponses(400)
  create(
    @CurrentAgent() me: Agent,
    @ZodBody(createWebhookSchema) body: Of<typeof createWebhookSchema>,
  ): Promise<CreatedWebhookView> {
    return this.webhooks.create(me.tenantId, me.id, body);
  }

  @Get('webhooks')
  list(@CurrentAgent() me: Agent): Promise<WebhookSubscriptionView[]> {
    return this.webhooks.list(me.tenantId);
  }

  @Get('webhooks/:id')
  @ApiErrorResponses(400, 404)
  get(
    @CurrentAgent() me: Agent,
    @ZodParams(webhookParamsSchema) { id }: { id: string },
  ): Promise<WebhookSubscriptionView> {
    return this.webhooks.get(me.tenantId, id);
  }

  @Patch('webhooks/:id')
  @ApiErrorResponses(400, 404)
  update(
    @CurrentAgent() me: Agent,
    @ZodParams(webhookParamsSchema) { id }: { id: string },
    @ZodBody(updateWebhookSchema) patch: Of<typeof updateWebhookSchema>,
  ): Promise<WebhookSubscriptionView> {
    return this.webhooks.update(me.tenantId, id, patch);
  }

  @Delete('webhooks/:id')
  @ApiErrorResponses(400, 404)
  remove(
    @CurrentAgent() me: Agent,
    @ZodParams(webhookParamsSchema) { id }: { id: string },
  ): Promise<WebhookSubscriptionView> {
    return this.webhooks.remove(me.tenantId, id);
  }

  @Get('webhooks/:id/deliveries')
  @ApiErrorResponses(400, 404)
  deliveries(
    @CurrentAgent() me: Agent,
    @ZodParams(webhookParamsSchema) { id }: { id: string },
    @ZodQuery(deliveriesQuerySchema) query: Of<typeof deliveriesQuerySchema>,
  ): Promise<WebhookDeliveryView[]> {
    return this.webhooks.deliveries(me.tenantId, id, query);
  }

  @Post('webhooks/:id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiErrorResponses(400, 404)
  replay(
    @CurrentAgent() me: Agent,
    @ZodParams(deliveryParamsSchema) { id, deliveryId }: { id: string; deliveryId: string },
  ): Promise<WebhookDeliveryView> {
    return this.webhooks.replay(me.tenantId, id, deliveryId);
  }
}
