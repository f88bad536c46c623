import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { installHttpMetrics } from './http-metrics';
import { Metrics } from './metrics';

/**
 * Installs the request-duration hook on the application's Fastify instance. In the constructor when
 * the adapter is already known (NestFactory.create), otherwise at init (Test.createTestingModule
 * attaches the adapter after the providers exist); both are before the server listens.
 */
@Injectable()
export class HttpMetricsInstaller implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly metrics: Metrics,
  ) {
    this.install();
  }

  onModuleInit(): void {
    this.install();
  }

  private install(): void {
    const adapter = this.host.httpAdapter as { getType(): string; getInstance(): unknown } | undefined;
    if (adapter?.getType() !== 'fastify') return;
    installHttpMetrics(adapter.getInstance() as FastifyInstance, this.metrics);
  }
}
