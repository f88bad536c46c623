import type { Database } from '@switchboard/persistence';
import { findReceipt, type StoredReceipt } from '@switchboard/tickets';
import { submissionUnknown, unknownTenant } from '../shared/self-service.exception';

/** What anyone may know of a tenant: that it exists, and the name its pages show. */
export interface PublicTenant {
  readonly slug: string;
  readonly name: string;
}

/** A submission's outcome as its status link shows it (the submission's own answer named the same ticket). */
export type SubmissionStatus = Omit<StoredReceipt, 'tenantSlug'>;

/**
 * The reads behind the public form and its status link, for the web channel (which never reads the
 * ticket database itself): whether a tenant exists, and what became of a submission after the
 * channel's own memory of its receipt is gone (a restart, another instance).
 */
export class PublicPortalQuery {
  constructor(private readonly db: Database) {}

  async tenant(slug: string): Promise<PublicTenant> {
    const [row] = await this.db.query<{ slug: string; name: string }>(
      'SELECT slug, name FROM tenants WHERE slug = $1',
      [slug],
    );
    if (!row) throw unknownTenant(slug);
    return row;
  }

  async submission(slug: string, messageId: string): Promise<SubmissionStatus> {
    const receipt = await findReceipt(this.db, slug, messageId);
    if (!receipt) throw submissionUnknown();
    const { tenantSlug: _tenantSlug, ...status } = receipt;
    return status;
  }
}
