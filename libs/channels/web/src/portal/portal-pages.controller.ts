import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CONFIG, type Config } from '@switchboard/config';
import { PORTAL_UPLOAD_LIMITS } from '@switchboard/contracts';
import { HttpEdgeException, parseMultipartForm, RouteLimits } from '@switchboard/http';
import { sendHtml } from '../http/html-reply';
import { isTenantSlug } from '../http/tenant-slug.util';
import { PortalApiClient, type PortalFailure, type PortalUpload } from './portal-api.client';
import {
  renderCodePage,
  renderLookupPage,
  renderMessagePage,
  renderRateLinkPage,
  renderTicketPage,
  type PageContext,
} from './render-portal-pages';
import { setSessionCookie, sessionCookieOf } from './portal-session.cookie';
import { languageFromHeader, portalText, type PortalText } from './portal-wording';

const numberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,15}-\d{1,18}$/);
const codeForm = z.object({
  number: numberSchema,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
const messageForm = z.object({
  clientMessageId: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/),
  bodyText: z.string().trim().max(20_000).default(''),
});
const attachmentParams = z.object({ messageId: z.uuid(), index: z.coerce.number().int().min(0).max(999) });
/** The files, the text and the multipart framing around them; larger bodies are refused before parsing. */
const MESSAGE_BODY_LIMIT = PORTAL_UPLOAD_LIMITS.totalBytes + 1024 * 1024;
const MESSAGE_FORM_LIMITS = {
  files: PORTAL_UPLOAD_LIMITS.files,
  totalFileBytes: PORTAL_UPLOAD_LIMITS.totalBytes,
  fields: 4,
  fieldBytes: 100_000,
};

type MessageForm =
  | { readonly ok: true; readonly clientMessageId: string; readonly bodyText: string; readonly files: PortalUpload[] }
  | { readonly ok: false; readonly status: 400 | 413 };

/** The reply box as multipart (with files) or urlencoded (a page from before files, or no file input). */
async function readMessageForm(request: FastifyRequest): Promise<MessageForm> {
  let fields: unknown = request.body;
  let files: PortalUpload[] = [];
  if (Buffer.isBuffer(request.body)) {
    try {
      const parsed = await parseMultipartForm(request.headers['content-type'], request.body, MESSAGE_FORM_LIMITS);
      fields = parsed.fields;
      files = parsed.files.map((f) => ({ name: f.fileName, contentType: f.contentType, content: f.content }));
    } catch (error) {
      if (error instanceof HttpEdgeException && error.kind === 'payload_too_large') return { ok: false, status: 413 };
      return { ok: false, status: 400 };
    }
  }
  const form = messageForm.safeParse(fields);
  if (!form.success || (form.data.bodyText === '' && files.length === 0)) return { ok: false, status: 400 };
  return { ok: true, ...form.data, files };
}
const ratingForm = z.object({
  score: z.coerce.number().int().min(1).max(5),
  comment: z.string().trim().max(2_000).default(''),
});
const tokenForm = ratingForm.extend({ token: z.string().min(10).max(2_000) });

const failureText = (t: PortalText, failure: PortalFailure): string => {
  switch (failure) {
    case 'lookup_failed':
      return t.lookupFailed;
    case 'rate_limited':
      return t.tooMany;
    case 'unauthorized':
      return t.expired;
    case 'not_found':
      return t.notFound;
    case 'conflict':
    case 'unavailable':
      return t.unavailable;
  }
};

/**
 * The customer portal's pages next to the form (/t/:tenant/portal...): server-rendered, no script,
 * every value escaped, the form's CSP. Reads and writes go through the customer API (PortalApiClient);
 * the session is an HttpOnly cookie. Pages for people, so they stay out of the OpenAPI document.
 */
@Controller('t/:tenant/portal')
@ApiExcludeController()
export class PortalPagesController {
  private readonly api: PortalApiClient;
  private readonly secureCookie: boolean;

  constructor(@Inject(CONFIG) config: Config) {
    this.api = new PortalApiClient(config.portal.apiUrl);
    this.secureCookie = config.portal.publicUrl.startsWith('https:');
  }

  @Get()
  lookup(@Param('tenant') tenant: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    const c = this.context(tenant, request);
    return c ? sendHtml(reply, 200, renderLookupPage(c)) : this.unknown(reply);
  }

  @Post('code')
  async requestCode(
    @Param('tenant') tenant: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = this.context(tenant, request);
    if (!c) return this.unknown(reply);
    const number = numberSchema.safeParse(field(request, 'number'));
    if (!number.success) return sendHtml(reply, 400, renderLookupPage(c, c.t.lookupFailed));
    const answer = await this.api.requestCode(tenant, number.data, request.ip);
    if (!answer.ok)
      return sendHtml(
        reply,
        statusOf(answer.failure),
        renderLookupPage(c, failureText(c.t, answer.failure), number.data),
      );
    return sendHtml(reply, 200, renderCodePage(c, number.data.toUpperCase()));
  }

  @Post('session')
  async openWithCode(
    @Param('tenant') tenant: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = this.context(tenant, request);
    if (!c) return this.unknown(reply);
    const form = codeForm.safeParse(request.body);
    const number = textField(request, 'number');
    if (!form.success) return sendHtml(reply, 400, renderCodePage(c, number, c.t.lookupFailed));
    const answer = await this.api.openWithCode(tenant, form.data.number, form.data.code, request.ip);
    if (!answer.ok)
      return sendHtml(reply, statusOf(answer.failure), renderCodePage(c, number, failureText(c.t, answer.failure)));
    return this.enter(reply, tenant, answer.value.session, answer.value.ticketNumber);
  }

  @Get('open')
  async openWithLink(
    @Param('tenant') tenant: string,
    @Query('token') token: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = this.context(tenant, request);
    if (!c) return this.unknown(reply);
    const answer = typeof token === 'string' ? await this.api.openWithLink(token, request.ip) : undefined;
    if (!answer?.ok || answer.value.tenant !== tenant) return sendHtml(reply, 401, renderLookupPage(c, c.t.expired));
    return this.enter(reply, tenant, answer.value.session, answer.value.ticketNumber);
  }

  @Get('tickets/:number')
  async ticket(
    @Param('tenant') tenant: string,
    @Param('number') number: string,
    @Query('sent') sent: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = this.context(tenant, request);
    if (!c) return this.unknown(reply);
    const session = sessionCookieOf(request);
    if (!session) return sendHtml(reply, 401, renderLookupPage(c, undefined, number));
    const answer = await this.api.ticket(session, number);
    if (!answer.ok)
      return sendHtml(reply, statusOf(answer.failure), renderLookupPage(c, failureText(c.t, answer.failure), number));
    const notice = sent === 'message' ? c.t.sent : sent === 'rating' ? c.t.rated : undefined;
    const mine = await this.api.tickets(session);
    return sendHtml(reply, 200, renderTicketPage(c, answer.value, notice, mine.ok ? mine.value : []));
  }

  @Post('tickets/:number/messages')
  @RouteLimits({
    bodyLimit: MESSAGE_BODY_LIMIT,
    mediaTypes: ['multipart/form-data', 'application/x-www-form-urlencoded'],
  })
  async followUp(
    @Param('tenant') tenant: string,
    @Param('number') number: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const form = await readMessageForm(request);
    if (!form.ok) {
      const c = this.context(tenant, request);
      if (!c) return this.unknown(reply);
      const text = form.status === 413 ? c.t.tooLarge : c.t.emptyMessage;
      return sendHtml(reply, form.status, renderMessagePage(c, number, text));
    }
    return this.change(tenant, number, request, reply, 'message', (session) =>
      this.api.followUp(session, number, {
        clientMessageId: form.clientMessageId,
        bodyText: form.bodyText,
        attachments: form.files,
      }),
    );
  }

  /** A file of the conversation, from the customer API with the session cookie, as a download. */
  @Get('tickets/:number/messages/:messageId/attachments/:index')
  async attachment(
    @Param('tenant') tenant: string,
    @Param('number') number: string,
    @Param() params: Record<string, string>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = this.context(tenant, request);
    if (!c) return this.unknown(reply);
    const session = sessionCookieOf(request);
    if (!session) return sendHtml(reply, 401, renderLookupPage(c, c.t.expired, number));
    const where = attachmentParams.safeParse(params);
    if (!where.success) return sendHtml(reply, 404, renderMessagePage(c, number, c.t.notFound));
    const answer = await this.api.attachment(session, number, where.data.messageId, where.data.index);
    if (!answer.ok)
      return sendHtml(reply, statusOf(answer.failure), renderMessagePage(c, number, failureText(c.t, answer.failure)));
    const file = answer.value;
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', file.disposition)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(file.content);
  }

  @Post('tickets/:number/rating')
  async rate(
    @Param('tenant') tenant: string,
    @Param('number') number: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const form = ratingForm.safeParse(request.body);
    return this.change(tenant, number, request, reply, 'rating', (session) =>
      form.success ? this.api.rate(session, number, form.data) : undefined,
    );
  }

  @Get('rate')
  rateLink(
    @Param('tenant') tenant: string,
    @Query('token') token: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    const c = this.context(tenant, request);
    if (!c) return this.unknown(reply);
    return sendHtml(reply, 200, renderRateLinkPage(c, typeof token === 'string' ? token.slice(0, 2_000) : ''));
  }

  @Post('rate')
  async rateWithLink(
    @Param('tenant') tenant: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = this.context(tenant, request);
    if (!c) return this.unknown(reply);
    const form = tokenForm.safeParse(request.body);
    const token = textField(request, 'token');
    if (!form.success) return sendHtml(reply, 400, renderRateLinkPage(c, token, c.t.rateLead));
    const answer = await this.api.rateWithLink(form.data);
    if (!answer.ok)
      return sendHtml(reply, statusOf(answer.failure), renderRateLinkPage(c, token, failureText(c.t, answer.failure)));
    return sendHtml(reply, 200, renderMessagePage(c, c.t.rated, c.t.rated));
  }

  private async change(
    tenant: string,
    number: string,
    request: FastifyRequest,
    reply: FastifyReply,
    what: 'message' | 'rating',
    send: (session: string) => ReturnType<PortalApiClient['rate']> | undefined,
  ): Promise<FastifyReply> {
    const c = this.context(tenant, request);
    if (!c) return this.unknown(reply);
    const session = sessionCookieOf(request);
    if (!session) return sendHtml(reply, 401, renderLookupPage(c, c.t.expired, number));
    const pending = send(session);
    if (!pending) return sendHtml(reply, 400, renderMessagePage(c, c.t.unavailable, c.t.rateLead));
    const answer = await pending;
    if (!answer.ok)
      return sendHtml(reply, statusOf(answer.failure), renderMessagePage(c, number, failureText(c.t, answer.failure)));
    return reply.redirect(
      `/t/${encodeURIComponent(tenant)}/portal/tickets/${encodeURIComponent(number)}?sent=${what}`,
      303,
    );
  }

  private enter(reply: FastifyReply, tenant: string, session: string, number: string): FastifyReply {
    setSessionCookie(reply, tenant, session, this.secureCookie);
    return reply.redirect(`/t/${encodeURIComponent(tenant)}/portal/tickets/${encodeURIComponent(number)}`, 303);
  }

  private context(tenant: string, request: FastifyRequest): PageContext | undefined {
    if (!isTenantSlug(tenant)) return undefined;
    const lang = languageFromHeader(request.headers['accept-language']);
    return { tenant, lang, t: portalText(lang) };
  }

  private unknown(reply: FastifyReply): FastifyReply {
    const t = portalText('en');
    return sendHtml(reply, 404, renderMessagePage({ tenant: 'demo', lang: 'en', t }, t.notFound, t.notFound));
  }
}

function field(request: FastifyRequest, name: string): unknown {
  return typeof request.body === 'object' && request.body !== null ? Reflect.get(request.body, name) : undefined;
}

function textField(request: FastifyRequest, name: string): string {
  const value = field(request, name);
  return typeof value === 'string' ? value.slice(0, 2_000) : '';
}

function statusOf(failure: PortalFailure): number {
  switch (failure) {
    case 'lookup_failed':
    case 'unauthorized':
      return 401;
    case 'rate_limited':
      return 429;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'unavailable':
      return 503;
  }
}
