import { createLogger } from '@switchboard/logger';
import type { PortalApiClient } from '../portal/portal-api.client';

const log = createLogger('KnownTenants');

export interface KnownTenantsOptions {
  /** How long an existing tenant is remembered. */
  readonly knownTtlMs?: number;
  /** How long a missing one is: short, so a tenant created a moment ago gets its form soon. */
  readonly unknownTtlMs?: number;
  /** At most this many slugs are remembered (a crawler of random slugs must not grow memory). */
  readonly capacity?: number;
  readonly now?: () => number;
}

/**
 * Whether a tenant exists, asked of the customer API and remembered for a while. When the API cannot
 * answer, the form is served anyway (availability first): a submission for a tenant that turns out not
 * to exist still gets its clear refusal from the ticket service.
 */
export class KnownTenants {
  private readonly cache = new Map<string, { exists: boolean; until: number }>();
  private readonly knownTtlMs: number;
  private readonly unknownTtlMs: number;
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(
    private readonly api: Pick<PortalApiClient, 'tenant'>,
    options: KnownTenantsOptions = {},
  ) {
    this.knownTtlMs = options.knownTtlMs ?? 5 * 60_000;
    this.unknownTtlMs = options.unknownTtlMs ?? 30_000;
    this.capacity = options.capacity ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async exists(slug: string): Promise<boolean> {
    const now = this.now();
    const hit = this.cache.get(slug);
    if (hit && hit.until > now) return hit.exists;
    const answer = await this.api.tenant(slug);
    if (!answer.ok && answer.failure !== 'not_found') {
      log.warn({ tenant: slug, failure: answer.failure }, 'tenant check unavailable; serving the form');
      return true;
    }
    this.remember(slug, answer.ok, now + (answer.ok ? this.knownTtlMs : this.unknownTtlMs));
    return answer.ok;
  }

  private remember(slug: string, exists: boolean, until: number): void {
    this.cache.delete(slug);
    this.cache.set(slug, { exists, until });
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
  }
}
