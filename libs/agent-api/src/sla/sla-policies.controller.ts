import { Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import {
  ManagePoliciesUseCase,
  policyInputSchema,
  policyUpdateSchema,
  type PolicyInput,
  type PolicyUpdate,
  type PolicyVersionView,
  type PolicyView,
} from '@switchboard/sla';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import { slaIdParamsSchema, type SlaIdParams } from './sla.params';

/** The tenant's SLA policies (first match by position wins; versioned): admins only. */
@AgentApiController('sla')
@Authenticated()
@Roles('admin')
export class SlaPoliciesController {
  constructor(private readonly policies: ManagePoliciesUseCase) {}

  @Get('sla/policies')
  async list(@CurrentAgent() admin: Agent): Promise<{ policies: PolicyView[] }> {
    return { policies: await this.policies.list(admin.tenantId) };
  }

  @Post('sla/policies')
  @ApiErrorResponses(400, 409, 422)
  async create(
    @CurrentAgent() admin: Agent,
    @ZodBody(policyInputSchema) body: PolicyInput,
  ): Promise<{ policy: PolicyView }> {
    return { policy: await this.policies.create(admin.tenantId, body) };
  }

  @Get('sla/policies/:id')
  @ApiErrorResponses(400, 404)
  async get(
    @CurrentAgent() admin: Agent,
    @ZodParams(slaIdParamsSchema) { id }: SlaIdParams,
  ): Promise<{ policy: PolicyView }> {
    return { policy: await this.policies.get(admin.tenantId, id) };
  }

  @Put('sla/policies/:id')
  @ApiErrorResponses(400, 404, 409, 422)
  async replace(
    @CurrentAgent() admin: Agent,
    @ZodParams(slaIdParamsSchema) { id }: SlaIdParams,
    @ZodBody(policyUpdateSchema) body: PolicyUpdate,
  ): Promise<{ policy: PolicyView }> {
    return { policy: await this.policies.update(admin.tenantId, id, body, admin.id) };
  }

  @Delete('sla/policies/:id')
  @HttpCode(204)
  @ApiErrorResponses(400, 404)
  async remove(@CurrentAgent() admin: Agent, @ZodParams(slaIdParamsSchema) { id }: SlaIdParams): Promise<void> {
    await this.policies.remove(admin.tenantId, id, admin.id);
  }

  @Get('sla/policies/:id/versions')
  @ApiErrorResponses(400, 404)
  async versions(
    @CurrentAgent() admin: Agent,
    @ZodParams(slaIdParamsSchema) { id }: SlaIdParams,
  ): Promise<{ versions: PolicyVersionView[] }> {
    return { versions: await this.policies.history(admin.tenantId, id) };
  }
}
