import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type Config } from '@switchboard/config';
import { MessagingModule, TRANSPORT } from '@switchboard/messaging';
import { ObservabilityModule, provideReadinessProbe, transportProbe } from '@switchboard/observability';

export interface ServicePlatformOptions {
  readonly config: Config;
  /** The `service` of logs and metrics, and the transport's client id. */
  readonly service: string;
}

/**
 * What every service process has: its configuration, the transport (Kafka or in-process) with its
 * consumer strategy, logs, health and metrics, and the transport's readiness probe. The database and
 * the capacity store are imported by the apps that use them.
 */
@Module({})
export class ServicePlatformModule {
  static forRoot(options: ServicePlatformOptions): DynamicModule {
    return {
      module: ServicePlatformModule,
      imports: [
        ConfigModule.forRoot(options.config),
        MessagingModule.forRoot(options.service),
        ObservabilityModule.forRoot({ service: options.service }),
      ],
      providers: [provideReadinessProbe(TRANSPORT, transportProbe)],
    };
  }
}
