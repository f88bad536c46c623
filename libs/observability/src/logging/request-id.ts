import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids a proxy or client may hand us: short, no spaces or control characters (they end up in logs). */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

const assigned = new WeakMap<IncomingMessage, string>();

/** The caller's `x-request-id` when it is well-formed, otherwise a new UUID. */
export function requestIdFrom(header: string | readonly string[] | undefined): string {
  return typeof header === 'string' && WELL_FORMED.test(header) ? header : randomUUID();
}

/**
 * The request's id, chosen once per request and echoed in the response's `x-request-id` header
 * (set on the raw response, which Fastify merges into the headers it writes).
 */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  let id = assigned.get(req);
  if (id === undefined) {
    id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    assigned.set(req, id);
    if (!res.headersSent) res.setHeader(REQUEST_ID_HEADER, id);
  }
  return id;
}
