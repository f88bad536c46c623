import { Get, Res } from '@nestjs/common';
import { ApiErrorResponses, ZodParams } from '@switchboard/http';
import type { FastifyReply } from 'fastify';
import { AgentApiController } from '../../agent-api-controller.decorator';
import type { Agent } from '../../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../../auth/authenticated.decorator';
import { replyWithAttachment } from './attachment-reply';
import { downloadAttachmentParamsSchema, type DownloadAttachmentParams } from './download-attachment.query';
import { DownloadAttachmentUseCase } from './download-attachment.use-case';

/** Attachments (and cid: images) of the messages on a ticket the caller may see. */
@AgentApiController('tickets')
@Authenticated()
export class AttachmentsController {
  constructor(private readonly download: DownloadAttachmentUseCase) {}

  /** Always a download with a type a browser will not run, whatever the sender claimed it was. */
  @Get('tickets/:ref/messages/:messageId/attachments/:index')
  @ApiErrorResponses(400, 404)
  async get(
    @CurrentAgent() caller: Agent,
    @ZodParams(downloadAttachmentParamsSchema) params: DownloadAttachmentParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return replyWithAttachment(reply, await this.download.execute(caller, params));
  }
}
