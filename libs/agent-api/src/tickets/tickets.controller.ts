import { Get } from '@nestjs/common';
import { ApiErrorResponses, ZodParams, ZodQuery } from '@switchboard/http';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { getTicketParamsSchema, type GetTicketParams } from './get-ticket/get-ticket.query';
import { GetTicketUseCase } from './get-ticket/get-ticket.use-case';
import { TicketHistoryQuery, type TicketHistoryView } from './lifecycle/ticket-history.query';
import { listTicketsQuerySchema, type ListTicketsQuery } from './list-tickets/list-tickets.query';
import { ListTicketsUseCase, type TicketListView } from './list-tickets/list-tickets.use-case';
import type { TicketDetailView } from './ticket.view';

/** Reading tickets: an agent sees their own, a manager their team's, an admin the tenant's. */
@AgentApiController('tickets')
@Authenticated()
export class TicketsController {
  constructor(
    private readonly list: ListTicketsUseCase,
    private readonly get: GetTicketUseCase,
    private readonly history: TicketHistoryQuery,
  ) {}

  @Get('tickets')
  @ApiErrorResponses(400)
  listTickets(
    @CurrentAgent() caller: Agent,
    @ZodQuery(listTicketsQuerySchema) query: ListTicketsQuery,
  ): Promise<TicketListView> {
    return this.list.execute(caller, query);
  }

  @Get('tickets/:ref')
  @ApiErrorResponses(400, 404)
  getTicket(
    @CurrentAgent() caller: Agent,
    @ZodParams(getTicketParamsSchema) params: GetTicketParams,
  ): Promise<TicketDetailView> {
    return this.get.execute(caller, params);
  }

  @Get('tickets/:ref/history')
  @ApiErrorResponses(400, 404)
  ticketHistory(
    @CurrentAgent() caller: Agent,
    @ZodParams(getTicketParamsSchema) params: GetTicketParams,
  ): Promise<TicketHistoryView> {
    return this.history.execute(caller, params.ref);
  }
}
