import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Config } from '@switchboard/config';
import type { FieldProblem } from '@switchboard/http';
import { getSubmission } from './get-submission/get-submission.use-case';
import { CONTENT_SECURITY_POLICY } from './form/html.util';
import { renderFormPage } from './form/render-form-page';
import { renderErrorPage, renderResultPage } from './form/render-result-page';
import { newId } from '@switchboard/ids';
import { isAcceptedBody, isFormBody, wantsHtml } from './http/content-negotiation.util';
import { rejectionError, statusBody, submissionBody, submissionStatusCode } from './http/submission-response';
import { isTenantSlug } from './http/tenant-slug.util';
import type { ReceiptWaiter } from './receipts/receipt-waiter';
import { parseSubmitWebForm, type SubmitWebFormCommand } from './submit-web-form/submit-web-form.command';
import type { SubmitWebFormUseCase } from './submit-web-form/submit-web-form.use-case';
import type { SubmissionResult } from './submit-web-form/submission-result';
import { WebChannelError, WebChannelErrorCode, toHttpError, unknownTenant } from './web-channel.error';

export interface TenantParams {
  readonly tenant: string;
}
export interface SubmissionParams extends TenantParams {
  readonly messageId: string;
}
type TenantRequest = FastifyRequest<{ Params: TenantParams }>;
type SubmissionRequest = FastifyRequest<{ Params: SubmissionParams }>;

const KEPT_FIELDS = ['name', 'email', 'phone', 'category', 'subject', 'message'] as const;

function keptValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return values;
  for (const field of KEPT_FIELDS) {
    const value: unknown = Reflect.get(body, field);
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

const HTML_HEADERS = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  // The form carries a fresh clientMessageId: a cached copy would make visitors share one.
  'cache-control': 'no-store',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
});

function sendHtml(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.status(status).headers(HTML_HEADERS).send(page);
}

/** Adapts HTTP to the use-cases and picks JSON or HTML for the answer; no business rules here. */
export class WebChannelController {
  constructor(
    private readonly config: Config,
    private readonly submitWebForm: SubmitWebFormUseCase,
    private readonly receipts: ReceiptWaiter,
  ) {}

  showForm(tenant: string, reply: FastifyReply): FastifyReply {
    if (!isTenantSlug(tenant)) return sendHtml(reply, 404, renderErrorPage(unknownTenant(tenant).message));
    return sendHtml(reply, 200, renderFormPage({ tenant, clientMessageId: newId() }));
  }

  showDefaultForm(reply: FastifyReply): FastifyReply {
    return this.showForm(this.config.web.defaultTenant, reply);
  }

  /** Runs before the body is read: refuse other media types without reading a byte of them. */
  checkMediaType(request: FastifyRequest, done: HookHandlerDoneFunction): void {
    if (isAcceptedBody(request.headers['content-type'])) return done();
    const message = 'Send application/json or application/x-www-form-urlencoded.';
    done(toHttpError(new WebChannelError(WebChannelErrorCode.UnsupportedMediaType, message)));
  }

  async submit(request: TenantRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { tenant } = request.params;
    const asHtml = wantsHtml(request.headers.accept, isFormBody(request.headers['content-type']));
    if (!isTenantSlug(tenant)) return this.fail(reply, unknownTenant(tenant), asHtml);
    const parsed = parseSubmitWebForm({
      tenant,
      body: request.body,
      idempotencyKey: request.headers['idempotency-key'],
      userAgent: request.headers['user-agent'],
    });
    if (!parsed.ok) return this.invalid(reply, tenant, request.body, parsed.problems, asHtml);
    return this.execute(reply, parsed.command, asHtml);
  }

  async status(request: SubmissionRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { tenant, messageId } = request.params;
    if (!isTenantSlug(tenant)) throw toHttpError(unknownTenant(tenant));
    const result = getSubmission(this.receipts, tenant, messageId);
    if (!result) {
      const message = 'This instance has no record of that submission (it keeps recent ones only).';
      throw toHttpError(new WebChannelError(WebChannelErrorCode.UnknownSubmission, message));
    }
    return reply.status(200).send(statusBody(result));
  }

  private async execute(reply: FastifyReply, command: SubmitWebFormCommand, asHtml: boolean): Promise<FastifyReply> {
    let result: SubmissionResult;
    try {
      result = await this.submitWebForm.execute(command);
    } catch (error) {
      if (error instanceof WebChannelError) return this.fail(reply, error, asHtml, command.tenant);
      throw error;
    }
    if (asHtml) return sendHtml(reply, submissionStatusCode(result), renderResultPage(result, command.tenant));
    if (result.kind === 'rejected') throw toHttpError(rejectionError(result, command.tenant));
    return reply.status(submissionStatusCode(result)).send(submissionBody(result));
  }

  private invalid(
    reply: FastifyReply,
    tenant: string,
    body: unknown,
    problems: readonly FieldProblem[],
    asHtml: boolean,
  ): FastifyReply {
    const error = new WebChannelError(
      WebChannelErrorCode.ValidationFailed,
      'Some fields are missing or not valid.',
      problems,
    );
    if (!asHtml) throw toHttpError(error);
    const values = keptValues(body);
    // Nothing was published, so the submitted id may be reused; a bad one is replaced.
    const submittedId: unknown =
      typeof body === 'object' && body !== null ? Reflect.get(body, 'clientMessageId') : undefined;
    const kept = typeof submittedId === 'string' ? submittedId.trim() : '';
    const idOk = kept !== '' && !problems.some((p) => p.field === 'clientMessageId');
    const clientMessageId = idOk ? kept : newId();
    return sendHtml(reply, 400, renderFormPage({ tenant, clientMessageId, values, problems }));
  }

  private fail(reply: FastifyReply, error: WebChannelError, asHtml: boolean, backTo?: string): FastifyReply {
    const httpError = toHttpError(error);
    if (!asHtml) throw httpError;
    return sendHtml(reply, httpError.status, renderErrorPage(error.message, backTo));
  }
}
