import { Get, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { BlobReader } from '@switchboard/blobs';
import { ApiErrorResponses, RouteLimits, ZodBody, ZodParams } from '@switchboard/http';
import {
  LookupUseCase,
  PortalQuery,
  PostFollowUpUseCase,
  RateTicketUseCase,
  portalAttachmentNotFound,
  type AcceptedFollowUp,
  type PortalEntry,
  type PortalSession,
  type PortalTicketSummary,
  type PortalTicketView,
  type RatingReceipt,
} from '@switchboard/self-service';
import { AgentApiController } from '../agent-api-controller.decorator';
import { CurrentCustomer, CustomerSession } from './portal-auth';
import { PortalLookupRateGuard } from './portal-rate.guard';
import { replyWithAttachment } from '../tickets/attachments/attachment-reply';
import { safeContentType } from '../tickets/attachments/download-attachment.use-case';
import {
  FOLLOW_UP_BODY_LIMIT,
  followUpBodySchema,
  portalAttachmentParamsSchema,
  openLinkBodySchema,
  portalTenantParamsSchema,
  portalTicketParamsSchema,
  rateBodySchema,
  rateWithLinkBodySchema,
  requestCodeBodySchema,
  verifyCodeBodySchema,
} from './portal.schemas';

type Body<S extends z.ZodType> = z.output<S>;

/**
 * The customers' side under /api/v1/portal, without an account: ask for a one-time code, exchange it
 * (or a signed link) for a portal session, then read their tickets, add messages and rate.
 */
@AgentApiController('portal')
export class PortalLookupController {
  constructor(private readonly lookup: LookupUseCase) {}

  /** Always 202, whether the ticket exists or not: the answer tells nobody which numbers are real. */
  @Post('portal/:tenant/codes')
  @HttpCode(202)
  @UseGuards(PortalLookupRateGuard)
  @ApiErrorResponses(400, 429)
  async requestCode(
    @ZodParams(portalTenantParamsSchema) { tenant }: Body<typeof portalTenantParamsSchema>,
    @ZodBody(requestCodeBodySchema) body: Body<typeof requestCodeBodySchema>,
  ): Promise<{ status: 'sent_if_known' }> {
    await this.lookup.requestCode(tenant, body.number);
    return { status: 'sent_if_known' };
  }

  @Post('portal/:tenant/sessions')
  @HttpCode(200)
  @UseGuards(PortalLookupRateGuard)
  @ApiErrorResponses(400, 401, 429)
  session(
    @ZodParams(portalTenantParamsSchema) { tenant }: Body<typeof portalTenantParamsSchema>,
    @ZodBody(verifyCodeBodySchema) body: Body<typeof verifyCodeBodySchema>,
  ): Promise<PortalEntry> {
    return this.lookup.verifyCode(tenant, body.number, body.code);
  }

  @Post('portal/links')
  @HttpCode(200)
  @ApiErrorResponses(400, 401)
  openLink(@ZodBody(openLinkBodySchema) body: Body<typeof openLinkBodySchema>): Promise<PortalEntry> {
    return this.lookup.openLink(body.token);
  }
}

@AgentApiController('portal')
export class PortalRatingLinkController {
  constructor(private readonly rate: RateTicketUseCase) {}

  @Post('portal/ratings')
  @ApiErrorResponses(400, 401, 404, 409)
  rateWithLink(@ZodBody(rateWithLinkBodySchema) body: Body<typeof rateWithLinkBodySchema>): Promise<RatingReceipt> {
    return this.rate.withLink(body.token, { score: body.score, comment: body.comment });
  }
}

@AgentApiController('portal')
@CustomerSession()
export class PortalTicketsController {
  constructor(
    private readonly portal: PortalQuery,
    private readonly followUps: PostFollowUpUseCase,
    private readonly rate: RateTicketUseCase,
    private readonly blobs: BlobReader,
  ) {}

  @Get('portal/tickets')
  async list(@CurrentCustomer() me: PortalSession): Promise<{ tickets: PortalTicketSummary[] }> {
    return { tickets: await this.portal.list(me) };
  }

  @Get('portal/tickets/:number')
  @ApiErrorResponses(400, 404)
  async view(
    @CurrentCustomer() me: PortalSession,
    @ZodParams(portalTicketParamsSchema) { number }: Body<typeof portalTicketParamsSchema>,
  ): Promise<{ ticket: PortalTicketView }> {
    return { ticket: await this.portal.view(me, number) };
  }

  /** A file of a message the customer can see, always as a download with a type a browser will not run. */
  @Get('portal/tickets/:number/messages/:messageId/attachments/:index')
  @ApiErrorResponses(400, 404)
  async attachment(
    @CurrentCustomer() me: PortalSession,
    @ZodParams(portalAttachmentParamsSchema) params: Body<typeof portalAttachmentParamsSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const ref = await this.portal.attachment(me, params.number, params.messageId, params.index);
    const content = await this.blobs.read(ref.storageRef);
    if (!content) throw portalAttachmentNotFound();
    return replyWithAttachment(reply, { name: ref.name, contentType: safeContentType(ref.contentType), content });
  }

  /** JSON with the files as base64: at most PORTAL_UPLOAD_LIMITS (5 files, 10 MiB together). */
  @Post('portal/tickets/:number/messages')
  @HttpCode(202)
  @RouteLimits({ bodyLimit: FOLLOW_UP_BODY_LIMIT, mediaTypes: ['application/json'] })
  @ApiErrorResponses(400, 404, 409, 413, 415)
  followUp(
    @CurrentCustomer() me: PortalSession,
    @ZodParams(portalTicketParamsSchema) { number }: Body<typeof portalTicketParamsSchema>,
    @ZodBody(followUpBodySchema) body: Body<typeof followUpBodySchema>,
  ): Promise<AcceptedFollowUp> {
    return this.followUps.execute(me, { number, ...body });
  }

  @Post('portal/tickets/:number/rating')
  @ApiErrorResponses(400, 404, 409)
  rateTicket(
    @CurrentCustomer() me: PortalSession,
    @ZodParams(portalTicketParamsSchema) { number }: Body<typeof portalTicketParamsSchema>,
    @ZodBody(rateBodySchema) body: Body<typeof rateBodySchema>,
  ): Promise<RatingReceipt> {
    return this.rate.withSession(me, number, body);
  }
}
