import { Get, HttpCode, Inject, Post, Put } from '@nestjs/common';
import type { z } from 'zod';
import { ApiErrorResponses, ZodBody, ZodParams, ZodQuery } from '@switchboard/http';
import {
  DepartmentsAdminUseCase,
  readAdminAudit,
  UsersAdminUseCase,
  type AccountTokenIssued,
  type AdminAuditView,
  type DepartmentView,
  type UserView,
} from '@switchboard/organisation';
import { DATABASE, inTenant, type Database } from '@switchboard/persistence';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import {
  adminIdParamsSchema,
  auditQuerySchema,
  createTeamBodySchema,
  departmentBodySchema,
  inviteUserBodySchema,
  placeTeamBodySchema,
  updateUserBodySchema,
} from './admin.schemas';

type Body<S extends z.ZodType> = z.output<S>;
type IdParams = Body<typeof adminIdParamsSchema>;
type Changed = Promise<{ id: string }>;

/** Departments (a tree), the teams in them, and the audit log of every admin change: admins only. */
@AgentApiController('organisation')
@Authenticated()
@Roles('admin')
export class OrganisationController {
  constructor(
    private readonly departments: DepartmentsAdminUseCase,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Get('admin/departments')
  list(@CurrentAgent() admin: Agent): Promise<{ departments: DepartmentView[] }> {
    return this.departments.list(admin.tenantId).then((departments) => ({ departments }));
  }

  @Post('admin/departments')
  @ApiErrorResponses(400, 404, 409)
  create(
    @CurrentAgent() admin: Agent,
    @ZodBody(departmentBodySchema) body: Body<typeof departmentBodySchema>,
  ): Changed {
    return this.departments.create(admin, body);
  }

  @Put('admin/departments/:id')
  @ApiErrorResponses(400, 404, 409, 422)
  update(
    @CurrentAgent() admin: Agent,
    @ZodParams(adminIdParamsSchema) { id }: IdParams,
    @ZodBody(departmentBodySchema) body: Body<typeof departmentBodySchema>,
  ): Changed {
    return this.departments.update(admin, id, body);
  }

  @Post('admin/teams')
  @ApiErrorResponses(400, 404, 409)
  createTeam(@CurrentAgent() admin: Agent, @ZodBody(createTeamBodySchema) body: Body<typeof createTeamBodySchema>) {
    return this.departments.createTeam(admin, body);
  }

  @Put('admin/teams/:id/department')
  @ApiErrorResponses(400, 404)
  placeTeam(
    @CurrentAgent() admin: Agent,
    @ZodParams(adminIdParamsSchema) { id }: IdParams,
    @ZodBody(placeTeamBodySchema) body: Body<typeof placeTeamBodySchema>,
  ): Changed {
    return this.departments.placeTeam(admin, id, body.departmentId);
  }

  @Get('admin/audit')
  @ApiErrorResponses(400)
  async audit(
    @CurrentAgent() admin: Agent,
    @ZodQuery(auditQuerySchema) query: Body<typeof auditQuerySchema>,
  ): Promise<{ entries: AdminAuditView[] }> {
    const entries = await inTenant(this.db, admin.tenantId, (tx) => readAdminAudit(tx, admin.tenantId, query.limit));
    return { entries };
  }
}

/** Users: invite, change role and teams, deactivate, reset password. Tokens in answers are shown once. */
@AgentApiController('organisation')
@Authenticated()
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersAdminUseCase) {}

  @Get('admin/users')
  async list(@CurrentAgent() admin: Agent): Promise<{ users: UserView[] }> {
    return { users: await this.users.list(admin.tenantId) };
  }

  @Post('admin/users')
  @ApiErrorResponses(400, 404, 409)
  invite(
    @CurrentAgent() admin: Agent,
    @ZodBody(inviteUserBodySchema) body: Body<typeof inviteUserBodySchema>,
  ): Promise<AccountTokenIssued> {
    return this.users.invite(admin, body);
  }

  @Put('admin/users/:id')
  @ApiErrorResponses(400, 404)
  update(
    @CurrentAgent() admin: Agent,
    @ZodParams(adminIdParamsSchema) { id }: IdParams,
    @ZodBody(updateUserBodySchema) body: Body<typeof updateUserBodySchema>,
  ): Changed {
    return this.users.update(admin, id, body);
  }

  @Post('admin/users/:id/deactivate')
  @HttpCode(200)
  @ApiErrorResponses(400, 404)
  deactivate(@CurrentAgent() admin: Agent, @ZodParams(adminIdParamsSchema) { id }: IdParams): Changed {
    return this.users.deactivate(admin, id);
  }

  @Post('admin/users/:id/reset-password')
  @HttpCode(200)
  @ApiErrorResponses(400, 404)
  resetPassword(
    @CurrentAgent() admin: Agent,
    @ZodParams(adminIdParamsSchema) { id }: IdParams,
  ): Promise<AccountTokenIssued> {
    return this.users.resetPassword(admin, id);
  }
}
