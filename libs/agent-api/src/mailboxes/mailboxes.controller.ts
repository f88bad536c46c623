import { Delete, Get, Post, Put } from '@nestjs/common';
import { MailboxAdminUseCase, type MailboxView } from '@switchboard/channel-email';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import { mailboxInputSchema, mailboxParamsSchema, type MailboxInput } from './mailbox.dto';

type MailboxParams = { id: string };

/** The email channel's support mailboxes, for admins only. The body never carries a password. */
@AgentApiController('email mailboxes')
@Authenticated()
@Roles('admin')
export class MailboxesController {
  constructor(private readonly mailboxes: MailboxAdminUseCase) {}

  @Get('email/mailboxes')
  list(@CurrentAgent() admin: Agent): Promise<{ mailboxes: MailboxView[] }> {
    return this.mailboxes.list(admin.tenantId);
  }

  @Get('email/mailboxes/:id')
  @ApiErrorResponses(400, 404)
  get(@CurrentAgent() admin: Agent, @ZodParams(mailboxParamsSchema) { id }: MailboxParams): Promise<MailboxView> {
    return this.mailboxes.get(admin.tenantId, id);
  }

  @Post('email/mailboxes')
  @ApiErrorResponses(400, 409)
  create(@CurrentAgent() admin: Agent, @ZodBody(mailboxInputSchema) input: MailboxInput): Promise<MailboxView> {
    return this.mailboxes.create(admin.tenantId, input);
  }

  /** Replaces every setting and enables the mailbox again if it was disabled. */
  @Put('email/mailboxes/:id')
  @ApiErrorResponses(400, 404, 409)
  replace(
    @CurrentAgent() admin: Agent,
    @ZodParams(mailboxParamsSchema) { id }: MailboxParams,
    @ZodBody(mailboxInputSchema) input: MailboxInput,
  ): Promise<MailboxView> {
    return this.mailboxes.replace(admin.tenantId, id, input);
  }

  @Delete('email/mailboxes/:id')
  @ApiErrorResponses(400, 404)
  disable(@CurrentAgent() admin: Agent, @ZodParams(mailboxParamsSchema) { id }: MailboxParams): Promise<MailboxView> {
    return this.mailboxes.disable(admin.tenantId, id);
  }
}
