import { Global, Module, RequestMethod, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Logger, LoggerModule } from 'nestjs-pino';
import { MESSAGING_OBSERVER } from '@switchboard/messaging';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness-registry';
import { pinoHttpOptions } from './logging/pino-http-options';
import { HttpMetricsInstaller } from './metrics/http-metrics.installer';
import { Metrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options';

/**
 * Logs (nestjs-pino, libs/logger's JSON, a request id per request), health (`/health/live`,
 * `/health/ready` over the registered ReadinessProbes) and metrics (`/metrics`) for one service.
 * Global: any module may inject `Metrics` and `ReadinessRegistry`.
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        // nestjs-pino's default route, `{/*splat}`, matches nothing under @nestjs/platform-fastify 12.5
        // (seen: no request logs, no request id); `/{*splat}` is a wildcard Nest also extends to
        // the paths excluded from a global prefix.
        LoggerModule.forRoot({
          pinoHttp: pinoHttpOptions(options),
          forRoutes: [{ path: '/{*splat}', method: RequestMethod.ALL }],
        }),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        { provide: Metrics, useFactory: () => new Metrics({ service: options.service }) },
        // The messaging layer's consumer metrics (batch size and time, lag, DLQ writes) land here too.
        { provide: MESSAGING_OBSERVER, useExisting: Metrics },
        ReadinessRegistry,
        HttpMetricsInstaller,
      ],
      exports: [Metrics, MESSAGING_OBSERVER, ReadinessRegistry, LoggerModule],
    };
  }
}

/** Routes Nest's own logs (and `new Logger(Context)` calls) through pino; call right after create. */
export function useObservabilityLogger(app: INestApplicationContext): void {
  app.useLogger(app.get(Logger));
}
