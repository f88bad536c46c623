import { Module, type DynamicModule } from '@nestjs/common';
import { ServicePlatformModule } from '@switchboard/bootstrap';
import type { Config } from '@switchboard/config';
import { CAPACITY_STORE, CoordinationModule } from '@switchboard/coordination';
import { capacityStoreProbe, provideReadinessProbe } from '@switchboard/observability';
import { DemoModule } from '@switchboard/demo';
import { PersistenceModule } from '@switchboard/persistence';
import { SelfServiceJobsModule } from '@switchboard/self-service';
import { SlaServiceModule } from '@switchboard/sla';
import { TicketServiceModule } from '@switchboard/tickets';

/** ticket-service: inbound.messages.v1 → tickets; ticket events and receipts leave through the outbox. */
@Module({})
export class TicketServiceAppModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: TicketServiceAppModule,
      imports: [
        ServicePlatformModule.forRoot({ config, service: 'ticket-service' }),
        PersistenceModule.forRoot(),
        CoordinationModule,
        DemoModule.forRoot({ seed: config.seedDemo }),
        TicketServiceModule,
        SelfServiceJobsModule,
        SlaServiceModule,
      ],
      providers: [provideReadinessProbe(CAPACITY_STORE, capacityStoreProbe)],
    };
  }
}
