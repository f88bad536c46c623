import { Get, HttpCode, Post } from '@nestjs/common';
import { ApiErrorResponses, ZodParams } from '@switchboard/http';
import {
  EraseCustomerUseCase,
  ExportCustomerDataUseCase,
  type CustomerDataExport,
  type ErasureResult,
} from '@switchboard/integrations';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import { customerParamsSchema } from './integrations.schemas';

/** Personal data (PIPL/GDPR): export and erasure of one customer, admins only, both audited. */
@AgentApiController('personal data')
@Authenticated()
@Roles('admin')
export class PersonalDataController {
  constructor(
    private readonly exporter: ExportCustomerDataUseCase,
    private readonly eraser: EraseCustomerUseCase,
  ) {}

  @Get('customers/:id/personal-data')
  @ApiErrorResponses(400, 404)
  export(
    @CurrentAgent() me: Agent,
    @ZodParams(customerParamsSchema) { id }: { id: string },
  ): Promise<CustomerDataExport> {
    return this.exporter.execute(me.tenantId, me.id, id);
  }

  @Post('customers/:id/erasure')
  @HttpCode(200)
  @ApiErrorResponses(400, 404)
  erase(@CurrentAgent() me: Agent, @ZodParams(customerParamsSchema) { id }: { id: string }): Promise<ErasureResult> {
    return this.eraser.execute(me.tenantId, me.id, id);
  }
}
