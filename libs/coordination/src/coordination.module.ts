import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, type Config } from '@switchboard/config';
import type { CapacityStore } from './capacity-store';
import { createCapacityStore } from './create-capacity-store';

/** The capacity store of this process: Redis in the distributed mode, memory when embedded. */
export const CAPACITY_STORE = Symbol('CAPACITY_STORE');

@Injectable()
class CapacityStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(CAPACITY_STORE) private readonly capacity: CapacityStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.capacity.close();
  }
}

@Global()
@Module({
  providers: [
    { provide: CAPACITY_STORE, inject: [CONFIG], useFactory: (config: Config) => createCapacityStore(config) },
    CapacityStoreCloser,
  ],
  exports: [CAPACITY_STORE],
})
export class CoordinationModule {}
