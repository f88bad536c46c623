import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CustomerException, ManageCustomersUseCase, MergeCustomersUseCase } from '@switchboard/tickets';
import { AgentApiException, toHttpError } from '../agent-api.exception';
import { authenticatedAgentOf } from '../auth/authenticated-agent';
import { requireRole } from '../routing/require-role.util';
import type { TicketRoutesDeps } from '../tickets/ticket-routes.deps';
import { parseInput } from '../validation/parse-input.util';
import { customerHttpError } from './customer.http-error';
import {
  createCompanySchema,
  customerParamsSchema,
  mergeCustomerSchema,
  searchCustomersQuerySchema,
  unmergeCustomerSchema,
  updateCustomerSchema,
} from './customers.schemas';

/**
 * Customers, companies, merge and unmerge. Every agent of the tenant may read customers and companies;
 * changing them (the CRM integration's tier updates included) and merging need a manager or admin.
 * Registered inside the authenticated scope.
 */
export function customerRoutes(deps: TicketRoutesDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const customers = new ManageCustomersUseCase(deps.db);
    const merges = new MergeCustomersUseCase(deps.db, deps.onCommitted);
    const reader = (request: FastifyRequest) => authenticatedAgentOf(request);
    const editor = (request: FastifyRequest) => requireRole(authenticatedAgentOf(request), ['manager', 'admin']);
    const idOf = (request: FastifyRequest): string => parseInput(customerParamsSchema, request.params).id;

    app.setErrorHandler((error) => {
      if (error instanceof CustomerException) throw customerHttpError(error);
      throw error instanceof AgentApiException ? toHttpError(error) : error;
    });

    app.get('/api/v1/customers', async (request) =>
      customers.search(reader(request).tenantId, parseInput(searchCustomersQuerySchema, request.query)),
    );
    app.get('/api/v1/customers/:id', async (request) => customers.get(reader(request).tenantId, idOf(request)));
    app.put('/api/v1/customers/:id', async (request) => {
      const { tenantId } = editor(request);
      return customers.update(tenantId, idOf(request), parseInput(updateCustomerSchema, request.body));
    });
    app.post('/api/v1/customers/:id/merge', async (request, reply) => {
      const agent = editor(request);
      const { sourceCustomerId } = parseInput(mergeCustomerSchema, request.body);
      reply.code(201);
      return merges.merge({ tenantId: agent.tenantId, agentId: agent.id }, idOf(request), sourceCustomerId);
    });
    app.post('/api/v1/customers/:id/unmerge', async (request, reply) => {
      const agent = editor(request);
      const { mergeId } = parseInput(unmergeCustomerSchema, request.body);
      reply.code(201);
      return merges.unmerge({ tenantId: agent.tenantId, agentId: agent.id }, idOf(request), mergeId);
    });
    app.get('/api/v1/companies', async (request) => customers.listCompanies(reader(request).tenantId));
    app.post('/api/v1/companies', async (request, reply) => {
      const { tenantId } = editor(request);
      const company = await customers.createCompany(tenantId, parseInput(createCompanySchema, request.body));
      reply.code(201);
      return company;
    });
  };
}
