import type { FastifyRequest, RouteOptions } from 'fastify';
import { HttpEdgeException, HttpEdgeExceptionCode } from '../errors/http-edge.exception';

/** @nestjs/platform-fastify's key for route config (not exported from its entry). */
const FASTIFY_ROUTE_CONFIG = '__fastify_route_config__';

export interface RouteLimitOptions {
  /** Body limit of this route in bytes (the server's default otherwise). */
  readonly bodyLimit?: number;
  /** Media types the body may have; others are refused with 415 before a byte of the body is read. */
  readonly mediaTypes?: readonly string[];
}

export interface RouteRateLimit {
  /** Requests per window per key (client address, and the login email where the route names one). */
  readonly max: number;
  readonly timeWindowMs: number;
  /** A request field that joins the client address in the key, e.g. the login's email. */
  readonly keyField?: string;
}

interface SwitchboardRouteConfig {
  limits?: RouteLimitOptions;
  requestRate?: RouteRateLimit;
}

function mergeRouteConfig(patch: SwitchboardRouteConfig): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const current = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG, handler) ?? {}) as SwitchboardRouteConfig;
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG, { ...current, ...patch }, handler);
  };
}

/** Body size and media types of one route, enforced by Fastify hooks before the handler runs. */
export const RouteLimits = (limits: RouteLimitOptions): MethodDecorator => mergeRouteConfig({ limits });

/** A rate limit on one route (login, public submissions): 429 with Retry-After when exceeded. */
export const RateLimited = (rateLimit: RouteRateLimit): MethodDecorator => mergeRouteConfig({ requestRate: rateLimit });

const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const hasBody = (headers: Record<string, string | string[] | undefined>): boolean =>
  headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;

/** The key of a rate-limited request: the client address, plus the named body field when there is one. */
function rateKey(field: string | undefined): (request: FastifyRequest) => string {
  return (request) => {
    const value: unknown =
      field && typeof request.body === 'object' && request.body ? Reflect.get(request.body, field) : '';
    return `${request.routeOptions.url ?? ''}|${request.ip}|${typeof value === 'string' ? value.trim().toLowerCase().slice(0, 256) : ''}`;
  };
}

/** @RateLimited as @fastify/rate-limit's route config; preHandler, so the body can be part of the key. */
function applyRateLimit(route: RouteOptions): void {
  const rate = (route.config as SwitchboardRouteConfig | undefined)?.requestRate;
  if (!rate) return;
  const config: Record<string, unknown> = (route.config as Record<string, unknown> | undefined) ?? {};
  config['rateLimit'] = {
    max: rate.max,
    timeWindow: rate.timeWindowMs,
    hook: 'preHandler',
    keyGenerator: rateKey(rate.keyField),
  };
  route.config = config;
}

/** The onRoute hook that turns @RouteLimits and @RateLimited into Fastify route options. */
export function applyRouteLimits(route: RouteOptions): void {
  applyRateLimit(route);
  const limits = (route.config as SwitchboardRouteConfig | undefined)?.limits;
  if (!limits) return;
  if (limits.bodyLimit !== undefined) route.bodyLimit = limits.bodyLimit;
  const accepted = limits.mediaTypes;
  if (!accepted) return;
  const checkMediaType: NonNullable<RouteOptions['onRequest']> = (request, _reply, done) => {
    if (!hasBody(request.headers) || accepted.includes(mediaTypeOf(request.headers['content-type']))) return done();
    done(new HttpEdgeException(HttpEdgeExceptionCode.UnsupportedMediaType, `Send ${accepted.join(' or ')}.`));
  };
  const existing = route.onRequest;
  route.onRequest = existing ? [checkMediaType, ...(Array.isArray(existing) ? existing : [existing])] : checkMediaType;
}
