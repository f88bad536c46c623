import { Get } from '@nestjs/common';
import type { z } from 'zod';
import { ApiErrorResponses, ZodParams } from '@switchboard/http';
import { PublicPortalQuery, type PublicTenant, type SubmissionStatus } from '@switchboard/self-service';
import { AgentApiController } from '../agent-api-controller.decorator';
import { portalSubmissionParamsSchema, portalTenantParamsSchema } from './portal.schemas';

type Params<S extends z.ZodType> = z.output<S>;

/**
 * What the public web form asks before it renders and after a restart: whether a tenant exists, and
 * the stored outcome of a submission (its status link names it by an unguessable message id).
 */
@AgentApiController('portal')
export class PortalPublicController {
  constructor(private readonly query: PublicPortalQuery) {}

  @Get('portal/tenants/:tenant')
  @ApiErrorResponses(400, 404)
  tenant(
    @ZodParams(portalTenantParamsSchema) { tenant }: Params<typeof portalTenantParamsSchema>,
  ): Promise<PublicTenant> {
    return this.query.tenant(tenant);
  }

  @Get('portal/tenants/:tenant/submissions/:messageId')
  @ApiErrorResponses(400, 404)
  submission(
    @ZodParams(portalSubmissionParamsSchema) p: Params<typeof portalSubmissionParamsSchema>,
  ): Promise<SubmissionStatus> {
    return this.query.submission(p.tenant, p.messageId);
  }
}
