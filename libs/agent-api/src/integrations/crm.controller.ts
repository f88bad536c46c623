import { Get, HttpCode, Post } from '@nestjs/common';
import type { z } from 'zod';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import {
  CreateApiTicketUseCase,
  ExternalStatusQuery,
  SyncCustomersUseCase,
  type AcceptedApiTicket,
  type ExternalCustomerStatusView,
  type ExternalTicketStatusView,
  type SyncCustomersResult,
} from '@switchboard/integrations';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import {
  createApiTicketSchema,
  customerSyncSchema,
  externalCustomerParamsSchema,
  externalTicketParamsSchema,
} from './integrations.schemas';

type Of<Schema extends z.ZodType> = z.output<Schema>;

/**
 * The CRM/ERP integration: customer sync (managers and admins, as for editing customers), tickets
 * opened with an external customer id, status by external id (any agent of the tenant may read).
 */
@AgentApiController('integrations')
@Authenticated()
export class CrmController {
  constructor(
    private readonly sync: SyncCustomersUseCase,
    private readonly tickets: CreateApiTicketUseCase,
    private readonly status: ExternalStatusQuery,
  ) {}

  @Post('integrations/customer-sync')
  @HttpCode(200)
  @Roles('manager', 'admin')
  @ApiErrorResponses(400, 404)
  syncCustomers(
    @CurrentAgent() me: Agent,
    @ZodBody(customerSyncSchema) body: Of<typeof customerSyncSchema>,
  ): Promise<SyncCustomersResult> {
    return this.sync.execute(me.tenantId, body);
  }

  @Post('integrations/tickets')
  @HttpCode(202)
  @Roles('manager', 'admin')
  @ApiErrorResponses(400)
  createTicket(
    @CurrentAgent() me: Agent,
    @ZodBody(createApiTicketSchema) body: Of<typeof createApiTicketSchema>,
  ): Promise<AcceptedApiTicket> {
    return this.tickets.execute(me.tenantId, body);
  }

  @Get('integrations/tickets/:externalTicketId')
  @Roles('admin')
  @ApiErrorResponses(400, 404)
  ticketStatus(
    @CurrentAgent() me: Agent,
    @ZodParams(externalTicketParamsSchema) { externalTicketId }: Of<typeof externalTicketParamsSchema>,
  ): Promise<ExternalTicketStatusView> {
    return this.status.ticket(me.tenantId, externalTicketId);
  }

  @Get('integrations/customers/:externalCustomerId')
  @Roles('admin')
  @ApiErrorResponses(400, 404)
  customerStatus(
    @CurrentAgent() me: Agent,
    @ZodParams(externalCustomerParamsSchema) { externalCustomerId }: Of<typeof externalCustomerParamsSchema>,
  ): Promise<ExternalCustomerStatusView> {
    return this.status.customer(me.tenantId, externalCustomerId);
  }
}
