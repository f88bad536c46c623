import { HttpCode, Post } from '@nestjs/common';
import type { z } from 'zod';
import { ChannelSelfServicePaths, type ChannelTicketLine } from '@switchboard/contracts';
import { ApiErrorResponses, RouteLimits, ZodBody } from '@switchboard/http';
import { ChannelSelfServiceUseCase, PhoneStatusQuery } from '@switchboard/self-service';
import { AgentApiController } from '../agent-api-controller.decorator';
import { SignedByChannelService } from './channel-service-signature.guard';
import {
  channelPhoneStatusBodySchema,
  channelRatingBodySchema,
  channelTicketsBodySchema,
} from './channel-self-service.schemas';

type Body<S extends z.ZodType> = z.output<S>;
const route = (path: string): string => path.replace(/^\/api\/v1\//, '');
const limits = { bodyLimit: 4_096, mediaTypes: ['application/json'] } as const;

/**
 * Self-service for channel services that proved the customer themselves (WeChat's OpenID, the
 * caller's number) and run apart from the ticket domain: the same use cases the embedded server binds
 * directly. Signed by the channel service; nothing here accepts an agent's or a customer's token.
 */
@AgentApiController('channel-self-service')
@SignedByChannelService()
export class ChannelSelfServiceController {
  constructor(
    private readonly channels: ChannelSelfServiceUseCase,
    private readonly phones: PhoneStatusQuery,
  ) {}

  /** The customer's open tickets, or only the named one when it is theirs (else none). */
  @Post(route(ChannelSelfServicePaths.tickets))
  @HttpCode(200)
  @RouteLimits(limits)
  @ApiErrorResponses(400)
  async tickets(
    @ZodBody(channelTicketsBodySchema) body: Body<typeof channelTicketsBodySchema>,
  ): Promise<{ tickets: ChannelTicketLine[] }> {
    const customer = { tenant: body.tenant, kind: body.kind, value: body.value };
    return { tickets: await this.channels.ticketsOf(customer, body.ticketNumber) };
  }

  /** Rates the customer's resolved ticket that waits for a rating; `rating: null` when none waits. */
  @Post(route(ChannelSelfServicePaths.ratings))
  @HttpCode(200)
  @RouteLimits(limits)
  @ApiErrorResponses(400, 409)
  async rate(
    @ZodBody(channelRatingBodySchema) body: Body<typeof channelRatingBodySchema>,
  ): Promise<{ rating: { ticketNumber: string; score: number } | null }> {
    const customer = { tenant: body.tenant, kind: body.kind, value: body.value };
    return { rating: (await this.channels.rate(customer, body.score, body.channel)) ?? null };
  }

  /** What the IVR's status key speaks for this caller. */
  @Post(route(ChannelSelfServicePaths.phoneStatus))
  @HttpCode(200)
  @RouteLimits(limits)
  @ApiErrorResponses(400)
  async phoneStatus(
    @ZodBody(channelPhoneStatusBodySchema) body: Body<typeof channelPhoneStatusBodySchema>,
  ): Promise<{ text: string }> {
    return { text: await this.phones.spokenStatus(body.tenant, body.phone, body.language) };
  }
}
