import { Get } from '@nestjs/common';
import { ApiErrorResponses, ZodParams } from '@switchboard/http';
import { TicketSlaQuery, type TicketSlaView } from '@switchboard/sla';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { getTicketParamsSchema, type GetTicketParams } from '../tickets/get-ticket/get-ticket.query';

/** A ticket's running SLA clocks (due at, remaining business time, paused) and its measures. */
@AgentApiController('sla')
@Authenticated()
export class TicketSlaController {
  constructor(private readonly sla: TicketSlaQuery) {}

  @Get('tickets/:ref/sla')
  @ApiErrorResponses(400, 404)
  get(
    @CurrentAgent() caller: Agent,
    @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams,
  ): Promise<TicketSlaView> {
    return this.sla.execute(caller, ref);
  }
}
