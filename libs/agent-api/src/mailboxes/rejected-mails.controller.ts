import { Get, HttpCode, Post } from '@nestjs/common';
import { RejectedMailAdminUseCase, type RejectedMailView } from '@switchboard/channel-email';
import { ApiErrorResponses, ZodParams } from '@switchboard/http';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import { mailboxParamsSchema } from './mailbox.dto';

/** Mails the email channel took from a mailbox that did not become a ticket message, for admins only. */
@AgentApiController('email rejected mails')
@Authenticated()
@Roles('admin')
export class RejectedMailsController {
  constructor(private readonly rejected: RejectedMailAdminUseCase) {}

  @Get('email/rejected-mails')
  list(@CurrentAgent() admin: Agent): Promise<{ rejectedMails: RejectedMailView[] }> {
    return this.rejected.list(admin.tenantId);
  }

  /** Asks the channel to take the kept original through intake again (within EMAIL_MAILBOX_REFRESH_MS). */
  @Post('email/rejected-mails/:id/retry')
  @HttpCode(202)
  @ApiErrorResponses(400, 404, 409)
  retry(
    @CurrentAgent() admin: Agent,
    @ZodParams(mailboxParamsSchema) { id }: { id: string },
  ): Promise<RejectedMailView> {
    return this.rejected.retry(admin.tenantId, id);
  }
}
