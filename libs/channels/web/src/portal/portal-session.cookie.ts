import type { FastifyReply, FastifyRequest } from 'fastify';

const COOKIE = 'sb_portal';

/** The portal session lives in an HttpOnly, SameSite=Lax cookie scoped to the tenant's portal pages. */
export function setSessionCookie(reply: FastifyReply, tenant: string, session: string, secure: boolean): void {
  const attributes = [`Path=/t/${encodeURIComponent(tenant)}/portal`, 'HttpOnly', 'SameSite=Lax', 'Max-Age=7200'];
  if (secure) attributes.push('Secure');
  void reply.header('set-cookie', `${COOKIE}=${session}; ${attributes.join('; ')}`);
}

export function sessionCookieOf(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}
