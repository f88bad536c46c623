import type { SqlExecutor } from '@switchboard/persistence';

export interface TenantInfo {
  readonly id: string;
  readonly slug: string;
  readonly ticketPrefix: string;
}

/** Tenant slugs → ids, cached for a short while: every message names its tenant by slug. */
export class TenantDirectory {
  private readonly cache = new Map<string, { tenant: TenantInfo; until: number }>();

  constructor(private readonly ttlMs = 30_000) {}

  async resolve(db: SqlExecutor, slugs: readonly string[]): Promise<Map<string, TenantInfo>> {
    const now = Date.now();
    const found = new Map<string, TenantInfo>();
    const missing: string[] = [];
    for (const slug of new Set(slugs)) {
      const hit = this.cache.get(slug);
      if (hit && hit.until > now) found.set(slug, hit.tenant);
      else missing.push(slug);
    }
    if (missing.length === 0) return found;
    const rows = await db.query<{ id: string; slug: string; ticket_prefix: string }>(
      'SELECT id, slug, ticket_prefix FROM tenants WHERE slug = ANY($1::text[])',
      [missing],
    );
    for (const row of rows) {
      const tenant = { id: row.id, slug: row.slug, ticketPrefix: row.ticket_prefix };
      this.cache.set(row.slug, { tenant, until: now + this.ttlMs });
      found.set(row.slug, tenant);
    }
    return found;
  }
}
