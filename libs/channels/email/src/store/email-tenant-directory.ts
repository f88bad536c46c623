import type { SqlClient } from './sql-client';

/**
 * The tenants' slug ↔ id mapping, which the channel does not own (the ticket service owns `tenants`):
 * configured mailboxes name their tenant by slug and rows carry its id, while messages name it by slug.
 * The app binds EMAIL_TENANT_DIRECTORY to the owner's lookup.
 */
export interface EmailTenantDirectory {
  /** Tenant ids by slug, for the slugs that name a tenant. */
  idsOf(slugs: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Tenant slugs by id, for the ids that name a tenant. */
  slugsOf(ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

const CACHE_MS = 30_000;

/**
 * The directory over the channel's own SqlClient: a read of `tenants` (owned by libs/tickets; never
 * written here), cached for 30 s because mailbox refreshes ask on every pass.
 */
export class SqlEmailTenantDirectory implements EmailTenantDirectory {
  private bySlug = new Map<string, { id: string; until: number }>();
  private byId = new Map<string, { slug: string; until: number }>();

  constructor(private readonly db: SqlClient) {}

  async idsOf(slugs: readonly string[]): Promise<ReadonlyMap<string, string>> {
    await this.load(
      slugs.filter((slug) => !this.fresh(this.bySlug.get(slug))),
      'slug',
    );
    return this.pick(slugs, this.bySlug, (hit) => hit.id);
  }

  async slugsOf(ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    await this.load(
      ids.filter((id) => !this.fresh(this.byId.get(id))),
      'id',
    );
    return this.pick(ids, this.byId, (hit) => hit.slug);
  }

  private fresh(hit: { until: number } | undefined): boolean {
    return hit !== undefined && hit.until > Date.now();
  }

  private async load(keys: readonly string[], by: 'slug' | 'id'): Promise<void> {
    if (keys.length === 0) return;
    const rows = await this.db.query<{ id: string; slug: string }>(
      by === 'slug'
        ? 'SELECT id, slug FROM tenants WHERE slug = ANY($1::text[])'
        : 'SELECT id, slug FROM tenants WHERE id = ANY($1::uuid[])',
      [[...new Set(keys)]],
    );
    const until = Date.now() + CACHE_MS;
    for (const row of rows) {
      this.bySlug.set(row.slug, { id: row.id, until });
      this.byId.set(row.id, { slug: row.slug, until });
    }
  }

  private pick<Hit>(
    keys: readonly string[],
    cache: Map<string, Hit>,
    value: (hit: Hit) => string,
  ): Map<string, string> {
    const found = new Map<string, string>();
    for (const key of keys) {
      const hit = cache.get(key);
      if (hit) found.set(key, value(hit));
    }
    return found;
  }
}
