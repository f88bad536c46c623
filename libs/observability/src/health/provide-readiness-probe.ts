import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import type { ReadinessProbe } from './readiness-probe';
import { ReadinessRegistry } from './readiness-registry';

/**
 * A provider that registers a probe over an injected dependency when the module starts, e.g.
 * `provideReadinessProbe(DATABASE, databaseProbe)` in the module that provides DATABASE. Without
 * ObservabilityModule (a test module) there is no registry and nothing is registered.
 */
export function provideReadinessProbe<T>(
  dependency: InjectionToken,
  toProbe: (dependency: T) => ReadinessProbe,
): FactoryProvider<ReadinessProbe> {
  return {
    provide: Symbol(`readiness probe for ${String(typeof dependency === 'function' ? dependency.name : dependency)}`),
    inject: [{ token: ReadinessRegistry, optional: true }, dependency],
    useFactory: (registry: ReadinessRegistry | undefined, resolved: T) => {
      const probe = toProbe(resolved);
      registry?.register(probe);
      return probe;
    },
  };
}
