import { Injectable } from '@nestjs/common';
import type { ReadinessProbe } from './readiness-probe';

/**
 * The probes `/health/ready` runs. Infrastructure and feature modules register theirs while the
 * application starts (`provideReadinessProbe`, or `register` from an `onModuleInit`).
 */
@Injectable()
export class ReadinessRegistry {
  private readonly byName = new Map<string, ReadinessProbe>();

  /** A probe with a name already registered replaces the earlier one. */
  register(...probes: readonly ReadinessProbe[]): void {
    for (const probe of probes) this.byName.set(probe.name, probe);
  }

  unregister(name: string): void {
    this.byName.delete(name);
  }

  probes(): readonly ReadinessProbe[] {
    return [...this.byName.values()];
  }
}
