import { newId as makeId } from '@switchboard/ids';
import { createLogger } from '@switchboard/logger';
import type { Database } from '@switchboard/persistence';
import { eraseCustomerSelfServiceData } from '@switchboard/self-service';
import { collectCustomerPersonalData, eraseCustomerTicketData, ERASED } from '@switchboard/tickets';
import type { BlobEraser } from './blob-eraser';
import { customerNotFound } from './export-customer-data.use-case';
import { eraseEmailChannelData, insertPersonalDataAudit, unreferencedBlobs } from './personal-data.repository';

export interface ErasureResult {
  readonly customerId: string;
  readonly erasedAt: string;
  readonly customers: number;
  readonly tickets: number;
  readonly blobsDeleted: number;
}

/**
 * Erases one customer (and the customers merged into it): their personal data is replaced in every
 * table that holds it, in ONE transaction, with an audit row naming who erased whom (and no personal
 * data); then the attachment blobs no other message still references are deleted from the blob store.
 * Tickets, messages and the audit trail stay as rows (statistics and SLA history stay true), emptied
 * of the customer's words. The transaction runs as the owner, not in the tenant role, because the
 * audit trail is append-only for that role; every statement filters by tenant itself.
 */
export class EraseCustomerUseCase {
  private readonly log = createLogger('EraseCustomer');

  constructor(
    private readonly db: Database,
    private readonly blobs: BlobEraser,
    private readonly newId: () => string = makeId,
  ) {}

  async execute(tenantId: string, actorId: string, customerId: string): Promise<ErasureResult> {
    const { data, orphans } = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('switchboard.erasure', 'on', true)`);
      const found = await collectCustomerPersonalData(tx, tenantId, customerId);
      if (!found.customerIds.includes(customerId)) throw customerNotFound(customerId);
      await eraseCustomerTicketData(tx, tenantId, found);
      await eraseCustomerSelfServiceData(tx, tenantId, found.customerIds, found.ticketIds, ERASED);
      await eraseEmailChannelData(
        tx,
        tenantId,
        found.emails,
        { ids: found.ticketIds, numbers: found.ticketNumbers },
        ERASED,
      );
      await insertPersonalDataAudit(tx, {
        id: this.newId(),
        tenantId,
        customerId,
        action: 'erasure',
        actorId,
        summary: {
          customers: found.customerIds.length,
          tickets: found.ticketIds.length,
          attachments: found.storageRefs.length,
        },
      });
      return { data: found, orphans: await unreferencedBlobs(tx, found.storageRefs) };
    });
    // After the commit: a rolled-back erasure must not have deleted blobs. A failure here leaves files
    // no row points to; the erasure itself stands (logged so an operator can remove them).
    const removed = await this.blobs.erase(orphans).catch((error: unknown) => {
      this.log.error({ err: error, tenantId, customerId }, 'erasure committed but blobs could not be deleted');
      return [];
    });
    this.log.info({ tenantId, customerId, actorId, tickets: data.ticketIds.length }, 'customer erased');
    return {
      customerId,
      erasedAt: new Date().toISOString(),
      customers: data.customerIds.length,
      tickets: data.ticketIds.length,
      blobsDeleted: removed.length,
    };
  }
}
