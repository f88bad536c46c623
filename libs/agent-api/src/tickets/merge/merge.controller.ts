import { Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import type { z } from 'zod';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import { AgentApiController } from '../../agent-api-controller.decorator';
import type { Agent } from '../../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../../auth/authenticated.decorator';
import { getTicketParamsSchema, type GetTicketParams } from '../get-ticket/get-ticket.query';
import { linkBodySchema, mergeBodySchema, splitBodySchema, unlinkParamsSchema } from './merge.schemas';
import { TicketRelationsService, type MergeAnswer, type SplitAnswer } from './ticket-relations.service';
import type { TicketLinkView, TicketWatcherView } from './relation.views';

type Links = Promise<{ links: TicketLinkView[] }>;
type Watchers = Promise<{ watchers: TicketWatcherView[] }>;

/** Merge, split, links and watchers of tickets the caller may see. */
@AgentApiController('ticket relations')
@Authenticated()
export class MergeController {
  constructor(private readonly relations: TicketRelationsService) {}

  @Post('tickets/:ref/merge')
  @HttpCode(200)
  @ApiErrorResponses(400, 404, 409)
  merge(
    @CurrentAgent() caller: Agent,
    @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams,
    @ZodBody(mergeBodySchema) body: z.output<typeof mergeBodySchema>,
  ): Promise<MergeAnswer> {
    return this.relations.merge(caller, ref, body);
  }

  @Post('tickets/:ref/split')
  @ApiErrorResponses(400, 404, 409)
  split(
    @CurrentAgent() caller: Agent,
    @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams,
    @ZodBody(splitBodySchema) body: z.output<typeof splitBodySchema>,
  ): Promise<SplitAnswer> {
    return this.relations.split(caller, ref, body);
  }

  @Get('tickets/:ref/links')
  @ApiErrorResponses(400, 404)
  links(@CurrentAgent() caller: Agent, @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams): Links {
    return this.relations.listLinks(caller, ref);
  }

  @Post('tickets/:ref/links')
  @ApiErrorResponses(400, 404, 409)
  link(
    @CurrentAgent() caller: Agent,
    @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams,
    @ZodBody(linkBodySchema) body: z.output<typeof linkBodySchema>,
  ): Links {
    return this.relations.link(caller, ref, body);
  }

  @Delete('tickets/:ref/links/:other/:kind')
  @ApiErrorResponses(400, 404)
  unlink(
    @CurrentAgent() caller: Agent,
    @ZodParams(unlinkParamsSchema) params: z.output<typeof unlinkParamsSchema>,
  ): Links {
    return this.relations.unlink(caller, params);
  }

  @Get('tickets/:ref/watchers')
  @ApiErrorResponses(400, 404)
  watchers(@CurrentAgent() caller: Agent, @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams): Watchers {
    return this.relations.listWatchers(caller, ref);
  }

  @Put('tickets/:ref/watchers/me')
  @ApiErrorResponses(400, 404)
  watch(@CurrentAgent() caller: Agent, @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams): Watchers {
    return this.relations.watch(caller, ref);
  }

  @Delete('tickets/:ref/watchers/me')
  @ApiErrorResponses(400, 404)
  unwatch(@CurrentAgent() caller: Agent, @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams): Watchers {
    return this.relations.unwatch(caller, ref);
  }
}
