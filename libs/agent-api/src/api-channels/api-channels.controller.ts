import { Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiChannelAdminUseCase,
  type ApiChannelView,
  type ApiDeliveryView,
  type CreatedApiChannel,
  type ReplayResult,
  type RotatedSecret,
} from '@switchboard/channel-api';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import {
  apiChannelInputSchema,
  apiChannelParamsSchema,
  apiDeliveryParamsSchema,
  rotateSecretSchema,
  type ApiChannelInput,
  type RotateSecretInput,
} from './api-channel.dto';

type ChannelParams = { id: string };
type DeliveryParams = { id: string; deliveryId: string };

/** The no-code API channels of the admin's tenant: inbound URL + secret, rotation, delivery log, replay. */
@AgentApiController('api channels')
@Authenticated()
@Roles('admin')
export class ApiChannelsController {
  constructor(private readonly channels: ApiChannelAdminUseCase) {}

  @Get('channels/api')
  list(@CurrentAgent() admin: Agent): Promise<{ channels: ApiChannelView[] }> {
    return this.channels.list(admin.tenantId);
  }

  /** The answer carries the secret, once. */
  @Post('channels/api')
  @ApiErrorResponses(400, 409)
  create(
    @CurrentAgent() admin: Agent,
    @ZodBody(apiChannelInputSchema) input: ApiChannelInput,
  ): Promise<CreatedApiChannel> {
    return this.channels.create(admin.tenantId, input);
  }

  @Post('channels/api/:id/rotate-secret')
  @HttpCode(200)
  @ApiErrorResponses(400, 404)
  rotate(
    @CurrentAgent() admin: Agent,
    @ZodParams(apiChannelParamsSchema) { id }: ChannelParams,
    @ZodBody(rotateSecretSchema) input: RotateSecretInput,
  ): Promise<RotatedSecret> {
    return this.channels.rotateSecret(admin.tenantId, id, input.overlapSeconds);
  }

  @Get('channels/api/:id/deliveries')
  @ApiErrorResponses(400, 404)
  deliveries(
    @CurrentAgent() admin: Agent,
    @ZodParams(apiChannelParamsSchema) { id }: ChannelParams,
  ): Promise<{ deliveries: ApiDeliveryView[] }> {
    return this.channels.deliveries(admin.tenantId, id);
  }

  @Post('channels/api/:id/deliveries/:deliveryId/replay')
  @HttpCode(200)
  @ApiErrorResponses(400, 404)
  replay(@CurrentAgent() admin: Agent, @ZodParams(apiDeliveryParamsSchema) p: DeliveryParams): Promise<ReplayResult> {
    return this.channels.replay(admin.tenantId, p.id, p.deliveryId);
  }
}
