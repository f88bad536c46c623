import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDomainException, type DomainException } from '@switchboard/errors';
import { HttpExceptionFilter, httpStatusOf } from '@switchboard/http';
import { newId } from '@switchboard/ids';
import { renderFormPage } from '../form/render-form-page';
import { renderErrorPage } from '../form/render-result-page';
import { WebChannelException, WebChannelExceptionCode } from '../web-channel.exception';
import { requestWantsHtml, sendHtml } from './html-reply';
import { isTenantSlug } from './tenant-slug.util';

const KEPT_FIELDS = ['name', 'email', 'phone', 'category', 'ticketNumber', 'subject', 'message'] as const;

function keptValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return values;
  for (const field of KEPT_FIELDS) {
    const value: unknown = Reflect.get(body, field);
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

/** Nothing was published, so the submitted id may be reused; a missing or bad one is replaced. */
function clientMessageIdOf(body: unknown, exception: DomainException<string>): string {
  const submitted: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'clientMessageId') : '';
  const kept = typeof submitted === 'string' ? submitted.trim() : '';
  const bad = exception.fields?.some((p) => p.field === 'clientMessageId') ?? false;
  return kept !== '' && !bad ? kept : newId();
}

function tenantOf(request: FastifyRequest): string | undefined {
  const params = request.params;
  const tenant: unknown = typeof params === 'object' && params !== null ? Reflect.get(params, 'tenant') : undefined;
  return typeof tenant === 'string' && isTenantSlug(tenant) ? tenant : undefined;
}

const isWeb = (exception: DomainException<string>, code: WebChannelExceptionCode): boolean =>
  exception instanceof WebChannelException && exception.code === code;

function pageOf(exception: DomainException<string>, request: FastifyRequest): string {
  const tenant = tenantOf(request);
  if (isWeb(exception, WebChannelExceptionCode.ValidationFailed) && tenant !== undefined) {
    const clientMessageId = clientMessageIdOf(request.body, exception);
    const values = keptValues(request.body);
    return renderFormPage({ tenant, clientMessageId, values, problems: exception.fields });
  }
  return renderErrorPage(
    exception.message,
    isWeb(exception, WebChannelExceptionCode.UnknownTenant) ? undefined : tenant,
  );
}

/**
 * The submissions routes' filter: a browser (form post, Accept preferring HTML) gets the same status
 * with a page (the form again with per-field errors and its input, or an error page); everyone else
 * the JSON error of the shared filter. 413/415 come from Fastify hooks, before this filter: JSON.
 */
@Catch()
export class WebChannelExceptionFilter implements ExceptionFilter {
  readonly #json = new HttpExceptionFilter();

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (!isDomainException(error) || !requestWantsHtml(request)) return this.#json.catch(error, host);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    await sendHtml(reply, httpStatusOf(error.kind), pageOf(error, request));
  }
}
