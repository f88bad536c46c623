import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters, UseGuards, type Type } from '@nestjs/common';
import { ApiConsumes, ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONFIG, type Config } from '@switchboard/config';
import { ApiErrorResponses, RouteLimits } from '@switchboard/http';
import { renderResultPage } from '../form/render-result-page';
import { FORM_MEDIA_TYPE, JSON_MEDIA_TYPE } from '../http/content-negotiation.util';
import { requestWantsHtml, sendHtml } from '../http/html-reply';
import { rejectionError, statusBody, submissionBody, submissionStatusCode } from '../http/submission-response';
import { isTenantSlug } from '../http/tenant-slug.util';
import { WebChannelExceptionFilter } from '../http/web-channel-exception.filter';
import { PortalApiClient } from '../portal/portal-api.client';
import { PortalLinker } from '../portal/portal-linker';
import { ReceiptWaiter } from '../receipts/receipt-waiter';
import { getSubmission } from '../get-submission/get-submission.use-case';
import { parseSubmitWebForm, type SubmitWebFormCommand } from '../submit-web-form/submit-web-form.command';
import { SubmitWebFormUseCase } from '../submit-web-form/submit-web-form.use-case';
import { WebChannelException, WebChannelExceptionCode, unknownTenant } from '../web-channel.exception';
import { submissionAnswerDoc, submissionRequestDoc } from './submission.openapi';
import { SubmissionRateGuard } from './submission-rate.guard';

export interface SubmissionsRouteLimits {
  /** config.web.maxBodyBytes: larger bodies get 413 (drained first), before the handler runs. */
  readonly maxBodyBytes: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TENANT_PARAM = { name: 'tenant', description: 'The support site (tenant slug).' } as const;

/**
 * The submissions API. A class per configuration because @RouteLimits is static and the body limit
 * comes from the configuration: ChannelWebModule.forRoot(config) builds it once per application.
 */
export function submissionsControllerFor(limits: SubmissionsRouteLimits): Type {
  @ApiTags('web channel')
  @Controller('api/v1/tenants/:tenant/submissions')
  @UseFilters(WebChannelExceptionFilter)
  class SubmissionsController {
    private readonly storedReceipts: PortalApiClient;

    constructor(
      @Inject(SubmitWebFormUseCase) private readonly submitWebForm: SubmitWebFormUseCase,
      @Inject(ReceiptWaiter) private readonly receipts: ReceiptWaiter,
      @Inject(PortalLinker) private readonly links: PortalLinker,
      @Inject(CONFIG) config: Config,
    ) {
      this.storedReceipts = new PortalApiClient(config.portal.apiUrl);
    }

    @Post()
    @RouteLimits({ bodyLimit: limits.maxBodyBytes, mediaTypes: [JSON_MEDIA_TYPE, FORM_MEDIA_TYPE] })
    @UseGuards(SubmissionRateGuard)
    @ApiOperation({ summary: 'Submit the support form: a ticket, or the ticket it follows up' })
    @ApiParam(TENANT_PARAM)
    @ApiConsumes(JSON_MEDIA_TYPE, FORM_MEDIA_TYPE)
    @ApiBody({ schema: submissionRequestDoc })
    @ApiResponse({ status: 201, description: 'created', schema: submissionAnswerDoc })
    @ApiResponse({ status: 200, description: 'appended or duplicate', schema: submissionAnswerDoc })
    @ApiResponse({ status: 202, description: 'accepted: no receipt yet, see statusUrl', schema: submissionAnswerDoc })
    @ApiErrorResponses(400, 404, 413, 415, 422, 429, 503)
    async submit(
      @Param('tenant') tenant: string,
      @Req() request: FastifyRequest,
      @Res() reply: FastifyReply,
    ): Promise<FastifyReply> {
      if (!isTenantSlug(tenant)) throw unknownTenant(tenant);
      const parsed = parseSubmitWebForm({
        tenant,
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
        userAgent: request.headers['user-agent'],
      });
      if (!parsed.ok) {
        const message = 'Some fields are missing or not valid.';
        throw new WebChannelException(WebChannelExceptionCode.ValidationFailed, message, parsed.problems);
      }
      return this.answer(reply, parsed.command, requestWantsHtml(request));
    }

    @Get(':messageId')
    @ApiOperation({ summary: 'What became of a submission (kept for 30 days)' })
    @ApiParam(TENANT_PARAM)
    @ApiParam({ name: 'messageId', description: 'The messageId of the submission answer.' })
    @ApiResponse({ status: 200, schema: submissionAnswerDoc })
    @ApiErrorResponses(404, 503)
    async status(@Param('tenant') tenant: string, @Param('messageId') messageId: string): Promise<object> {
      if (!isTenantSlug(tenant)) throw unknownTenant(tenant);
      const result = UUID.test(messageId)
        ? await getSubmission(this.receipts, this.storedReceipts, tenant, messageId)
        : undefined;
      if (!result) {
        const message = 'No result for that submission yet: it is still on its way, or older than 30 days.';
        throw new WebChannelException(WebChannelExceptionCode.UnknownSubmission, message);
      }
      return statusBody(result);
    }

    private async answer(reply: FastifyReply, command: SubmitWebFormCommand, asHtml: boolean): Promise<FastifyReply> {
      const result = await this.submitWebForm.execute(command);
      const status = submissionStatusCode(result);
      if (asHtml) {
        const link = result.kind === 'ticketed' ? this.links.linkFor(command.tenant, result.ticketNumber) : undefined;
        return sendHtml(reply, status, renderResultPage(result, command.tenant, link));
      }
      if (result.kind === 'rejected') throw rejectionError(result, command.tenant);
      return reply.status(status).send(submissionBody(result));
    }
  }
  return SubmissionsController;
}
