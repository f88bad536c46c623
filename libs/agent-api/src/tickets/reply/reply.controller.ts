import { Post } from '@nestjs/common';
import type { z } from 'zod';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import { PostReplyUseCase, type PostedReply } from '@switchboard/tickets';
import { AgentApiController } from '../../agent-api-controller.decorator';
import type { Agent } from '../../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../../auth/authenticated.decorator';
import { getTicketParamsSchema, type GetTicketParams } from '../get-ticket/get-ticket.query';
import { postReplyBodySchema } from './reply-body.schema';

/** POST /api/v1/tickets/:ref/replies: whoever may see the ticket may answer its customer. */
@AgentApiController('replies')
@Authenticated()
export class ReplyController {
  constructor(private readonly postReply: PostReplyUseCase) {}

  @Post('tickets/:ref/replies')
  @ApiErrorResponses(400, 404, 409, 422)
  async reply(
    @CurrentAgent() caller: Agent,
    @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams,
    @ZodBody(postReplyBodySchema) body: z.output<typeof postReplyBodySchema>,
  ): Promise<{ reply: PostedReply }> {
    return { reply: await this.postReply.execute(caller, { ref, ...body }) };
  }
}
