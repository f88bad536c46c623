import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONFIG, type Config } from '@switchboard/config';
import { HttpEdgeException, HttpEdgeExceptionCode } from '@switchboard/http';

type RateCheck = ReturnType<FastifyInstance['createRateLimit']>;

const MINUTE_MS = 60_000;

/**
 * config.http.rateLimits.submissionsPerMinute per client address on the public submissions route:
 * 429 with Retry-After. A guard rather than @RateLimited, whose limit is static and whose 429 comes
 * from a Fastify hook: here the limit is the configuration's and the controller's filter answers a
 * browser's form post with a page. Counters live in the app's rate-limit store (Redis when distributed).
 */
@Injectable()
export class SubmissionRateGuard implements CanActivate {
  #check: RateCheck | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const result = await this.check()(http.getRequest<FastifyRequest>());
    // isAllowed only means "on the allow list"; isExceeded is the verdict.
    if (result.isAllowed || !result.isExceeded) return true;
    void http.getResponse<FastifyReply>().header('retry-after', String(Math.max(1, result.ttlInSeconds)));
    throw new HttpEdgeException(HttpEdgeExceptionCode.RateLimited, 'Too many submissions: please try again later.');
  }

  /** Created on first use: the rate-limit plugin decorates the instance once the app is ready. */
  private check(): RateCheck {
    if (this.#check) return this.#check;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (typeof fastify.createRateLimit !== 'function') {
      throw new Error('SubmissionRateGuard needs @fastify/rate-limit: create the app with createHttpApp');
    }
    this.#check = fastify.createRateLimit({
      max: this.config.http.rateLimits.submissionsPerMinute,
      timeWindow: MINUTE_MS,
      keyGenerator: (request) => `web-submissions|${request.ip}`,
    });
    return this.#check;
  }
}
