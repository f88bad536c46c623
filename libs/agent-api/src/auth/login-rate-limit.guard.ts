import type { FastifyRateLimitOptions } from '@fastify/rate-limit';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONFIG, type Config } from '@switchboard/config';
import { HttpEdgeException, HttpEdgeExceptionCode } from '@switchboard/http';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

const WINDOW_MS = 60_000;

/** Client address plus the login email: one address cannot lock out every agent, nor guess one agent's password. */
function loginKey(request: FastifyRequest): string {
  const email: unknown = typeof request.body === 'object' && request.body ? Reflect.get(request.body, 'email') : '';
  return `login|${request.ip}|${typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : ''}`;
}

/**
 * The login's rate limit: config.http.rateLimits.loginPerMinute per address and email, counted in
 * @fastify/rate-limit's store (Redis in the distributed mode). A guard rather than the static
 * @RateLimited decorator because the limit is configuration, known only when the module starts.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly limiters = new WeakMap<FastifyInstance, Limiter>();
  private readonly options: FastifyRateLimitOptions;

  constructor(@Inject(CONFIG) config: Config) {
    this.options = { max: config.http.rateLimits.loginPerMinute, timeWindow: WINDOW_MS, keyGenerator: loginKey };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const verdict = await this.limiterOf(request.server)(request);
    // isAllowed only says the key is on the allow list; the count decides.
    if (verdict.isAllowed || !verdict.isExceeded) return true;
    http.getResponse<FastifyReply>().header('retry-after', String(verdict.ttlInSeconds));
    throw new HttpEdgeException(HttpEdgeExceptionCode.RateLimited, 'Too many logins: try again later.');
  }

  private limiterOf(server: FastifyInstance): Limiter {
    let limiter = this.limiters.get(server);
    if (!limiter) {
      limiter = server.createRateLimit(this.options);
      this.limiters.set(server, limiter);
    }
    return limiter;
  }
}
