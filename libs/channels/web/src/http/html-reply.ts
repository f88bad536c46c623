import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../form/html.util';
import { isFormBody, wantsHtml } from './content-negotiation.util';

/**
 * Set on the reply itself, after helmet's onRequest hook: the form's own Content-Security-Policy
 * (its inline stylesheet by hash, form-action 'self') replaces helmet's default for these pages.
 */
const HTML_HEADERS = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  // The form carries a fresh clientMessageId: a cached copy would make visitors share one.
  'cache-control': 'no-store',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
});

export function sendHtml(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.status(status).headers(HTML_HEADERS).send(page);
}

/** A browser form post (or an Accept preferring HTML) gets pages back; API clients get JSON. */
export function requestWantsHtml(request: FastifyRequest): boolean {
  return wantsHtml(request.headers.accept, isFormBody(request.headers['content-type']));
}
