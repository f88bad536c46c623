import type { FastifyInstance } from 'fastify';
import { inTenant } from '@switchboard/persistence';
import { findEnabledTicketTypes, findTicketType } from '@switchboard/tickets';
import { AgentApiException, toHttpError } from '../agent-api.exception';
import { authenticatedAgentOf } from '../auth/authenticated-agent';
import type { TicketRoutesDeps } from '../tickets/ticket-routes.deps';
import { parseInput } from '../validation/parse-input.util';
import { GetTicketFieldsUseCase } from './get-ticket-fields.use-case';
import { SaveTicketTypeUseCase } from './save-ticket-type.use-case';
import { ticketFieldsParamsSchema, ticketTypeParamsSchema, updateTicketFieldsSchema } from './ticket-type.dto';
import { TicketTypeException, TicketTypeExceptionCode, ticketTypeHttpError } from './ticket-type.exception';
import { toTicketTypeView } from './ticket-type.view';
import { UpdateTicketFieldsUseCase } from './update-ticket-fields.use-case';

/** Routes for ticket types and their templates. Registered inside the authenticated scope. */
export function ticketTypeRoutes(deps: TicketRoutesDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const saveType = new SaveTicketTypeUseCase(deps.db);
    const updateFields = new UpdateTicketFieldsUseCase(deps);
    const getFields = new GetTicketFieldsUseCase(deps.db);

    app.setErrorHandler((error) => {
      if (error instanceof TicketTypeException) throw ticketTypeHttpError(error);
      throw error instanceof AgentApiException ? toHttpError(error) : error;
    });

    app.get('/api/v1/ticket-types', async (request) => {
      const me = authenticatedAgentOf(request);
      const types = await inTenant(deps.db, me.tenantId, (tx) => findEnabledTicketTypes(tx, [me.tenantId]));
      return { ticketTypes: types.map(toTicketTypeView) };
    });

    app.get('/api/v1/ticket-types/:key', async (request) => {
      const me = authenticatedAgentOf(request);
      const { key } = parseInput(ticketTypeParamsSchema, request.params);
      const type = await inTenant(deps.db, me.tenantId, (tx) => findTicketType(tx, me.tenantId, key));
      if (!type) throw new TicketTypeException(TicketTypeExceptionCode.TicketTypeNotFound, `No ticket type "${key}".`);
      return toTicketTypeView(type);
    });

    app.put('/api/v1/ticket-types/:key', async (request, reply) => {
      const me = authenticatedAgentOf(request);
      const { key } = parseInput(ticketTypeParamsSchema, request.params);
      const saved = await saveType.execute(me, key, request.body);
      return reply.code(saved.created ? 201 : 200).send(saved.type);
    });

    app.get('/api/v1/tickets/:ref/fields', async (request) =>
      getFields.execute(authenticatedAgentOf(request), parseInput(ticketFieldsParamsSchema, request.params)),
    );

    app.put('/api/v1/tickets/:ref/fields', async (request) =>
      updateFields.execute(
        authenticatedAgentOf(request),
        parseInput(ticketFieldsParamsSchema, request.params),
        parseInput(updateTicketFieldsSchema, request.body),
      ),
    );
  };
}
