import type {} from '@fastify/rate-limit';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONFIG, type Config } from '@switchboard/config';
import { HttpEdgeException, HttpEdgeExceptionCode } from '@switchboard/http';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

const WINDOW_MS = 15 * 60_000;

const field = (request: FastifyRequest, name: string): string => {
  const value: unknown = typeof request.body === 'object' && request.body ? Reflect.get(request.body, name) : '';
  return typeof value === 'string' ? value.trim().toUpperCase().slice(0, 64) : '';
};
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The customer's address: the portal pages call this API from the web channel's server, which names
 * the customer in X-Forwarded-For; that header counts only from a loopback peer (the embedded app, a
 * sidecar), or everywhere once TRUST_PROXY makes Fastify's request.ip honour it.
 */
function clientAddressOf(request: FastifyRequest): string {
  const forwarded = request.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').at(-1)?.trim();
  return LOOPBACK.has(request.ip) && last ? last.slice(0, 64) : request.ip;
}

const tenantOf = (request: FastifyRequest): string => {
  const value: unknown = Reflect.get(request.params as object, 'tenant');
  return typeof value === 'string' ? value.slice(0, 64) : '';
};

/**
 * Against enumeration: lookup attempts (code requests and checks) are counted per ticket number and
 * per client address, config.portal.lookupAttempts per 15 minutes per number and three times that per
 * address, in the app's rate-limit store (Redis when distributed). The per-contact limit is the
 * domain's (codes mailed per address). Over the limit: 429 with Retry-After, checked before the code.
 */
@Injectable()
export class PortalLookupRateGuard implements CanActivate {
  private readonly limiters = new WeakMap<FastifyInstance, { number: Limiter; address: Limiter }>();

  constructor(@Inject(CONFIG) private readonly config: Config) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const limiters = this.limitersOf(request.server);
    for (const limiter of [limiters.address, limiters.number]) {
      const verdict = await limiter(request);
      if (verdict.isAllowed || !verdict.isExceeded) continue;
      http.getResponse<FastifyReply>().header('retry-after', String(Math.max(1, verdict.ttlInSeconds)));
      throw new HttpEdgeException(HttpEdgeExceptionCode.RateLimited, 'Too many attempts: try again later.');
    }
    return true;
  }

  private limitersOf(server: FastifyInstance): { number: Limiter; address: Limiter } {
    let limiters = this.limiters.get(server);
    if (!limiters) {
      const max = this.config.portal.lookupAttempts;
      limiters = {
        number: server.createRateLimit({
          max,
          timeWindow: WINDOW_MS,
          keyGenerator: (r) => `portal-lookup|${tenantOf(r)}|${field(r, 'number')}`,
        }),
        address: server.createRateLimit({
          max: max * 3,
          timeWindow: WINDOW_MS,
          keyGenerator: (r) => `portal-lookup-ip|${clientAddressOf(r)}`,
        }),
      };
      this.limiters.set(server, limiters);
    }
    return limiters;
  }
}
