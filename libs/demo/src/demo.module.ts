import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { createLogger } from '@switchboard/logger';
import { DATABASE, type Database } from '@switchboard/persistence';
import { demoTenantSlug } from './demo-tenant.definition';
import { seedDemoTenant, type DemoSeedResult } from './seed-demo-tenant';

const DEMO_OPTIONS = Symbol('DEMO_OPTIONS');

interface DemoOptions {
  /** Seed the demo tenant on start (embedded default; SEED_DEMO in the distributed mode). */
  readonly seed: boolean;
}

/** Seeds the demo tenant once, before any consumer starts; remembers what it did for the banner. */
@Injectable()
export class DemoSeeder implements OnModuleInit {
  private seeded: DemoSeedResult | undefined;
  private exists = false;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(DEMO_OPTIONS) private readonly options: DemoOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.options.seed) {
      this.seeded = await seedDemoTenant(this.db);
      if (this.seeded) createLogger('DemoSeeder').info({ tenant: this.seeded.tenantSlug }, 'demo tenant seeded');
    }
    this.exists = (await this.db.query('SELECT 1 FROM tenants WHERE slug = $1', [demoTenantSlug])).length > 0;
  }

  /** What this start seeded (undefined when the tenant was there already or seeding is off). */
  get result(): DemoSeedResult | undefined {
    return this.seeded;
  }

  /** Whether the demo tenant exists, seeded now or by an earlier start. */
  get demoExists(): boolean {
    return this.exists;
  }
}

@Module({})
export class DemoModule {
  static forRoot(options: DemoOptions): DynamicModule {
    return {
      module: DemoModule,
      providers: [{ provide: DEMO_OPTIONS, useValue: options }, DemoSeeder],
      exports: [DemoSeeder],
    };
  }
}
