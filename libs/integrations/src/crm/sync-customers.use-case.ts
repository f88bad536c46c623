import { newId as makeId } from '@switchboard/ids';
import { inTenant, PgErrorCode, pgErrorCode, type Database } from '@switchboard/persistence';
import {
  upsertCompaniesByExternalId,
  upsertCustomersByExternalId,
  type SyncedCompany,
  type SyncedCustomer,
  type SyncOutcome,
} from '@switchboard/tickets';
import { IntegrationsException, IntegrationsExceptionCode } from '../integrations.exception';

/** Up to 1,000 companies and 1,000 customers per call (the HTTP schema enforces it). */
export const SYNC_BATCH_LIMIT = 1_000;

export interface SyncCustomersCommand {
  readonly companies: readonly SyncedCompany[];
  readonly customers: readonly SyncedCustomer[];
}

export interface SyncCustomersResult {
  readonly companies: readonly SyncOutcome[];
  readonly customers: readonly SyncOutcome[];
  /** Emails or phones the CRM gave a customer that another customer already holds: left where they are. */
  readonly conflicts: readonly { externalId: string; kind: string; value: string }[];
}

function refuseDuplicates(kind: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      throw new IntegrationsException(
        IntegrationsExceptionCode.DuplicateExternalId,
        `The ${kind} external id ${id} appears twice in this batch.`,
      );
    }
    seen.add(id);
  }
}

/**
 * The CRM/ERP's inbound customer sync: companies and customers upserted by external id in one
 * tenant-scoped transaction (all or nothing). Idempotent: the same batch twice leaves the same rows
 * (the second run reports every item `updated`). A customer naming a company by external id gets it
 * from this batch or from an earlier sync.
 */
export class SyncCustomersUseCase {
  constructor(
    private readonly db: Database,
    private readonly newId: () => string = makeId,
  ) {}

  async execute(tenantId: string, command: SyncCustomersCommand): Promise<SyncCustomersResult> {
    refuseDuplicates(
      'company',
      command.companies.map((c) => c.externalId),
    );
    refuseDuplicates(
      'customer',
      command.customers.map((c) => c.externalId),
    );
    try {
      return await this.sync(tenantId, command);
    } catch (error) {
      // The only unique key the sync can hit: (tenant, name) of companies, external ids being upserted.
      if (pgErrorCode(error) !== PgErrorCode.uniqueViolation) throw error;
      throw new IntegrationsException(
        IntegrationsExceptionCode.CompanyNameTaken,
        'A synced company has the name of another company (with another or no external id).',
      );
    }
  }

  private sync(tenantId: string, command: SyncCustomersCommand): Promise<SyncCustomersResult> {
    return inTenant(this.db, tenantId, async (tx) => {
      const companies = await upsertCompaniesByExternalId(tx, tenantId, command.companies, this.newId);
      const wanted = [...new Set(command.customers.flatMap((c) => (c.companyExternalId ? [c.companyExternalId] : [])))];
      const known = await tx.query<{ id: string; external_id: string }>(
        `SELECT id, external_id FROM companies WHERE tenant_id = $1 AND external_id = ANY($2::text[])`,
        [tenantId, wanted],
      );
      const missing = wanted.filter((w) => !known.some((k) => k.external_id === w));
      if (missing.length > 0) {
        throw new IntegrationsException(
          IntegrationsExceptionCode.ExternalIdNotFound,
          `No company with external id ${missing.slice(0, 5).join(', ')}: sync it first or in the same batch.`,
        );
      }
      const companyIds = new Map(known.map((k) => [k.external_id, k.id]));
      const { outcomes, conflicts } = await upsertCustomersByExternalId(
        tx,
        tenantId,
        command.customers,
        companyIds,
        this.newId,
      );
      return { companies, customers: outcomes, conflicts };
    });
  }
}
