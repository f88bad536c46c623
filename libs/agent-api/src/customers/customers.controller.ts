import { Get, Post, Put } from '@nestjs/common';
import type { z } from 'zod';
import { ApiErrorResponses, ZodBody, ZodParams, ZodQuery } from '@switchboard/http';
import {
  ManageCustomersUseCase,
  MergeCustomersUseCase,
  type CompanyView,
  type CustomerDetailView,
  type CustomerMergeView,
  type CustomerSummaryView,
} from '@switchboard/tickets';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import {
  createCompanySchema,
  customerParamsSchema,
  mergeCustomerSchema,
  searchCustomersQuerySchema,
  unmergeCustomerSchema,
  updateCustomerSchema,
} from './customers.schemas';

type Of<Schema extends z.ZodType> = z.output<Schema>;
type Search = ReturnType<ManageCustomersUseCase['search']>;

/**
 * Customers, companies, merge and unmerge. Every agent of the tenant may read customers and companies;
 * changing them (the CRM integration's tier updates included) and merging need a manager or admin.
 */
@AgentApiController('customers')
@Authenticated()
export class CustomersController {
  constructor(
    private readonly customers: ManageCustomersUseCase,
    private readonly merges: MergeCustomersUseCase,
  ) {}

  @Get('customers')
  @ApiErrorResponses(400)
  search(
    @CurrentAgent() me: Agent,
    @ZodQuery(searchCustomersQuerySchema) query: Of<typeof searchCustomersQuerySchema>,
  ): Search {
    return this.customers.search(me.tenantId, query);
  }

  @Get('customers/:id')
  @ApiErrorResponses(400, 404)
  get(@CurrentAgent() me: Agent, @ZodParams(customerParamsSchema) { id }: { id: string }): Promise<CustomerDetailView> {
    return this.customers.get(me.tenantId, id);
  }

  @Put('customers/:id')
  @Roles('manager', 'admin')
  @ApiErrorResponses(400, 404)
  update(
    @CurrentAgent() me: Agent,
    @ZodParams(customerParamsSchema) { id }: { id: string },
    @ZodBody(updateCustomerSchema) patch: Of<typeof updateCustomerSchema>,
  ): Promise<CustomerSummaryView> {
    return this.customers.update(me.tenantId, id, patch);
  }

  @Post('customers/:id/merge')
  @Roles('manager', 'admin')
  @ApiErrorResponses(400, 404, 409, 422)
  merge(
    @CurrentAgent() me: Agent,
    @ZodParams(customerParamsSchema) { id }: { id: string },
    @ZodBody(mergeCustomerSchema) body: Of<typeof mergeCustomerSchema>,
  ): Promise<CustomerMergeView> {
    return this.merges.merge({ tenantId: me.tenantId, agentId: me.id }, id, body.sourceCustomerId);
  }

  @Post('customers/:id/unmerge')
  @Roles('manager', 'admin')
  @ApiErrorResponses(400, 404, 409, 422)
  unmerge(
    @CurrentAgent() me: Agent,
    @ZodParams(customerParamsSchema) { id }: { id: string },
    @ZodBody(unmergeCustomerSchema) body: Of<typeof unmergeCustomerSchema>,
  ): Promise<CustomerMergeView> {
    return this.merges.unmerge({ tenantId: me.tenantId, agentId: me.id }, id, body.mergeId);
  }

  @Get('companies')
  companies(@CurrentAgent() me: Agent): Promise<CompanyView[]> {
    return this.customers.listCompanies(me.tenantId);
  }

  @Post('companies')
  @Roles('manager', 'admin')
  @ApiErrorResponses(400, 409)
  createCompany(
    @CurrentAgent() me: Agent,
    @ZodBody(createCompanySchema) company: Of<typeof createCompanySchema>,
  ): Promise<CompanyView> {
    return this.customers.createCompany(me.tenantId, company);
  }
}
