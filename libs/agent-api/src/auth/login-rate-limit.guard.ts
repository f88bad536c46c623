import type { FastifyRateLimitOptions } from '@fastify/rate-limit';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONFIG, type Config } from '@switchboard/config';
import { HttpEdgeException, HttpEdgeExceptionCode } from '@switchboard/http';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

const WINDOW_MS = 60_000;
/** One address may try this many accounts' worth of logins a minute (an office behind one NAT). */
const ACCOUNTS_PER_ADDRESS = 5;

/** Client address plus the login email: one address cannot lock out every agent, nor guess one agent's password. */
function loginKey(request: FastifyRequest): string {
  const email: unknown = typeof request.body === 'object' && request.body ? Reflect.get(request.body, 'email') : '';
  return `login|${request.ip}|${typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : ''}`;
}

const addressKey = (request: FastifyRequest): string => `login-address|${request.ip}`;

/**
 * The login's rate limit: config.http.rateLimits.loginPerMinute per address and email, counted in
 * @fastify/rate-limit's store (Redis in the distributed mode), and five times that per address alone
 * (one address guessing many accounts); the account's own lockout is PasswordSignInUseCase's. A guard rather than the static
 * @RateLimited decorator because the limit is configuration, known only when the module starts.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly limiters = new WeakMap<FastifyInstance, readonly Limiter[]>();
  private readonly options: readonly FastifyRateLimitOptions[];

  constructor(@Inject(CONFIG) config: Config) {
    const max = config.http.rateLimits.loginPerMinute;
    this.options = [
      { max, timeWindow: WINDOW_MS, keyGenerator: loginKey },
      { max: max * ACCOUNTS_PER_ADDRESS, timeWindow: WINDOW_MS, keyGenerator: addressKey },
    ];
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    for (const limiter of this.limitersOf(request.server)) {
      const verdict = await limiter(request);
      // isAllowed only says the key is on the allow list; the count decides.
      if (verdict.isAllowed || !verdict.isExceeded) continue;
      http.getResponse<FastifyReply>().header('retry-after', String(verdict.ttlInSeconds));
      throw new HttpEdgeException(HttpEdgeExceptionCode.RateLimited, 'Too many logins: try again later.');
    }
    return true;
  }

  private limitersOf(server: FastifyInstance): readonly Limiter[] {
    let limiters = this.limiters.get(server);
    if (!limiters) {
      limiters = this.options.map((options) => server.createRateLimit(options));
      this.limiters.set(server, limiters);
    }
    return limiters;
  }
}
