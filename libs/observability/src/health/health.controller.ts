import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from '../observability.options';
import { ReadinessRegistry } from './readiness-registry';

/**
 * Liveness and readiness for the orchestrator. No guard (probes carry no token) and not in the
 * OpenAPI document. A failing readiness check is answered here rather than thrown, so the
 * application's exception filter cannot reshape terminus' body (which names the failed probes).
 */
@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: ReadinessRegistry,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
  ) {}

  /** `/healthz` is the liveness path of the services before Nest; kept for existing probes. */
  @Get(['health/live', 'healthz'])
  live(@Res({ passthrough: true }) reply: FastifyReply): { status: 'ok' } {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult | string | object> {
    reply.header('cache-control', 'no-store');
    const timeoutMs = this.options.readinessTimeoutMs ?? 2_000;
    const checks = this.registry.probes().map((probe) =>
      this.indicators
        .check(probe.name)
        .attempt(async () => void (await probe.check()))
        .withTimeout(timeoutMs),
    );
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse();
    }
  }
}
