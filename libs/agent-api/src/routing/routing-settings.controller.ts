import { Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import {
  agentCapacitySchema,
  dryRunRoutingCommandSchema,
  RoutingSettingsUseCase,
  teamRoutingSchema,
  type AgentCapacity,
  type DryRunRoutingCommand,
  type TeamRouting,
} from '@switchboard/routing';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import { getTicketParamsSchema, type GetTicketParams } from '../tickets/get-ticket/get-ticket.query';
import { DryRunAsCallerUseCase } from './dry-run-as-caller.use-case';
import { GetTicketRoutingUseCase, type TicketRoutingView } from './get-ticket-routing/get-ticket-routing.use-case';
import { routingRuleParamsSchema } from './routing-rule.params';

type Settings = RoutingSettingsUseCase;

/** Teams' routing and agents' capacity (admin), dry runs (manager, admin), a ticket's routing (who may read it). */
@AgentApiController('routing')
@Authenticated()
export class RoutingSettingsController {
  constructor(
    private readonly settings: RoutingSettingsUseCase,
    private readonly dryRun: DryRunAsCallerUseCase,
    private readonly ticketRouting: GetTicketRoutingUseCase,
  ) {}

  @Get('routing/teams')
  @Roles('manager', 'admin')
  teams(@CurrentAgent() me: Agent): ReturnType<Settings['listTeams']> {
    return this.settings.listTeams(me.tenantId);
  }

  @Put('routing/teams/:id')
  @Roles('admin')
  @ApiErrorResponses(400, 404)
  setTeam(
    @CurrentAgent() me: Agent,
    @ZodParams(routingRuleParamsSchema) { id }: { id: string },
    @ZodBody(teamRoutingSchema) routing: TeamRouting,
  ): ReturnType<Settings['setTeamRouting']> {
    return this.settings.setTeamRouting(me.tenantId, id, routing);
  }

  @Put('routing/agents/:id/capacity')
  @Roles('admin')
  @ApiErrorResponses(400, 404)
  setCapacity(
    @CurrentAgent() me: Agent,
    @ZodParams(routingRuleParamsSchema) { id }: { id: string },
    @ZodBody(agentCapacitySchema) capacity: AgentCapacity,
  ): ReturnType<Settings['setAgentCapacity']> {
    return this.settings.setAgentCapacity(me.tenantId, id, capacity);
  }

  /** Where the router would send a ticket with these facts; nothing is reserved. */
  @Post('routing/dry-run')
  @HttpCode(200)
  @Roles('manager', 'admin')
  @ApiErrorResponses(400)
  dryRunRouting(
    @CurrentAgent() me: Agent,
    @ZodBody(dryRunRoutingCommandSchema) command: DryRunRoutingCommand,
  ): ReturnType<DryRunAsCallerUseCase['execute']> {
    return this.dryRun.execute(me, command);
  }

  @Get('tickets/:ref/routing')
  @ApiErrorResponses(400, 404)
  routingOf(
    @CurrentAgent() me: Agent,
    @ZodParams(getTicketParamsSchema) params: GetTicketParams,
  ): Promise<TicketRoutingView> {
    return this.ticketRouting.execute(me, params);
  }
}
