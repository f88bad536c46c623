import { HttpCode, Post } from '@nestjs/common';
import type { z } from 'zod';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import {
  AssignTicketUseCase,
  ChangeStatusUseCase,
  DecideReviewUseCase,
  TransferTicketUseCase,
  type TicketState,
} from '@switchboard/tickets';
import { AgentApiController } from '../../agent-api-controller.decorator';
import type { Agent } from '../../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../../auth/authenticated.decorator';
import { TicketAction } from '../../auth/ticket-access.guard';
import { getTicketParamsSchema, type GetTicketParams } from '../get-ticket/get-ticket.query';
import { assignBodySchema, changeStatusBodySchema, reviewBodySchema, transferBodySchema } from './lifecycle.schemas';

type Body<Schema extends z.ZodType> = z.output<Schema>;
type Changed = Promise<{ ticket: TicketState }>;

/** Status changes, assignment, transfer and review; each answers the ticket as it is now. */
@AgentApiController('ticket lifecycle')
@Authenticated()
export class LifecycleController {
  constructor(
    private readonly changeStatus: ChangeStatusUseCase,
    private readonly assign: AssignTicketUseCase,
    private readonly transfer: TransferTicketUseCase,
    private readonly decideReview: DecideReviewUseCase,
  ) {}

  @Post('tickets/:ref/status')
  @HttpCode(200)
  @ApiErrorResponses(400, 404, 409, 422)
  async status(
    @CurrentAgent() actor: Agent,
    @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams,
    @ZodBody(changeStatusBodySchema) body: Body<typeof changeStatusBodySchema>,
  ): Changed {
    return { ticket: await this.changeStatus.execute(actor, { ref, ...body }) };
  }

  @Post('tickets/:ref/assign')
  @HttpCode(200)
  @ApiErrorResponses(400, 404, 409, 422)
  async assignTicket(
    @CurrentAgent() actor: Agent,
    @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams,
    @ZodBody(assignBodySchema) body: Body<typeof assignBodySchema>,
  ): Changed {
    return { ticket: await this.assign.execute(actor, { ref, ...body }) };
  }

  @Post('tickets/:ref/transfer')
  @HttpCode(200)
  @ApiErrorResponses(400, 404, 409, 422)
  async transferTicket(
    @CurrentAgent() actor: Agent,
    @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams,
    @ZodBody(transferBodySchema) body: Body<typeof transferBodySchema>,
  ): Changed {
    return { ticket: await this.transfer.execute(actor, { ref, ...body }) };
  }

  @Post('tickets/:ref/review')
  @TicketAction('review')
  @HttpCode(200)
  @ApiErrorResponses(400, 404, 409, 422)
  async review(
    @CurrentAgent() actor: Agent,
    @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams,
    @ZodBody(reviewBodySchema) body: Body<typeof reviewBodySchema>,
  ): Changed {
    return { ticket: await this.decideReview.execute(actor, { ref, ...body }) };
  }
}
