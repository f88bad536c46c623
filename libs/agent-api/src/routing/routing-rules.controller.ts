import { Delete, Get, Post, Put } from '@nestjs/common';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import {
  ReadRoutingRulesUseCase,
  routingRuleDraftSchema,
  SaveRoutingRuleUseCase,
  type RoutingRuleDraft,
} from '@switchboard/routing';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import { routingRuleParamsSchema } from './routing-rule.params';

type Rule = ReturnType<SaveRoutingRuleUseCase['create']>;
type RuleParams = { id: string };

const editorOf = (agent: Agent) => ({ tenantId: agent.tenantId, agentId: agent.id });

/** The tenant's routing rules: admins only. Each change drops the routing caches of this process. */
@AgentApiController('routing')
@Authenticated()
@Roles('admin')
export class RoutingRulesController {
  constructor(
    private readonly read: ReadRoutingRulesUseCase,
    private readonly save: SaveRoutingRuleUseCase,
  ) {}

  @Get('routing/rules')
  list(@CurrentAgent() admin: Agent): ReturnType<ReadRoutingRulesUseCase['list']> {
    return this.read.list(admin.tenantId);
  }

  @Post('routing/rules')
  @ApiErrorResponses(400, 409)
  create(@CurrentAgent() admin: Agent, @ZodBody(routingRuleDraftSchema) draft: RoutingRuleDraft): Rule {
    return this.save.create(editorOf(admin), draft);
  }

  @Put('routing/rules/:id')
  @ApiErrorResponses(400, 404, 409)
  replace(
    @CurrentAgent() admin: Agent,
    @ZodParams(routingRuleParamsSchema) { id }: RuleParams,
    @ZodBody(routingRuleDraftSchema) draft: RoutingRuleDraft,
  ): Rule {
    return this.save.replace(editorOf(admin), id, draft);
  }

  /** Disables the rule: its versions stay for the audit. */
  @Delete('routing/rules/:id')
  @ApiErrorResponses(400, 404)
  disable(@CurrentAgent() admin: Agent, @ZodParams(routingRuleParamsSchema) { id }: RuleParams): Rule {
    return this.save.disable(editorOf(admin), id);
  }

  @Get('routing/rules/:id/versions')
  @ApiErrorResponses(400, 404)
  versions(
    @CurrentAgent() admin: Agent,
    @ZodParams(routingRuleParamsSchema) { id }: RuleParams,
  ): ReturnType<ReadRoutingRulesUseCase['versions']> {
    return this.read.versions(admin.tenantId, id);
  }
}
