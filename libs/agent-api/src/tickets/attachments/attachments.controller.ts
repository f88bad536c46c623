import { Get, Res } from '@nestjs/common';
import { ApiErrorResponses, ZodParams } from '@switchboard/http';
import type { FastifyReply } from 'fastify';
import { AgentApiController } from '../../agent-api-controller.decorator';
import type { Agent } from '../../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../../auth/authenticated.decorator';
import { downloadAttachmentParamsSchema, type DownloadAttachmentParams } from './download-attachment.query';
import { DownloadAttachmentUseCase } from './download-attachment.use-case';

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name, so 发票.pdf keeps its name. */
function dispositionOf(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

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
    const file = await this.download.execute(caller, params);
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', dispositionOf(file.name))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox");
    return file.content;
  }
}
