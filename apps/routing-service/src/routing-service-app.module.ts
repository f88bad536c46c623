import { Module, type DynamicModule } from '@nestjs/common';
import { ServicePlatformModule } from '@switchboard/bootstrap';
import type { Config } from '@switchboard/config';
import { CAPACITY_STORE, CoordinationModule } from '@switchboard/coordination';
import { capacityStoreProbe, provideReadinessProbe } from '@switchboard/observability';
import { PersistenceModule } from '@switchboard/persistence';
import { RoutingServiceModule } from '@switchboard/routing';

/** routing-service: ticket.events.v1 (created) → assignment; capacity counters in Redis. */
@Module({})
export class RoutingServiceAppModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: RoutingServiceAppModule,
      imports: [
        ServicePlatformModule.forRoot({ config, service: 'routing-service' }),
        PersistenceModule.forRoot(),
        CoordinationModule,
        RoutingServiceModule,
      ],
      providers: [provideReadinessProbe(CAPACITY_STORE, capacityStoreProbe)],
    };
  }
}
