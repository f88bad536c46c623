import { newId } from '@switchboard/ids';
import { inTenant, pgErrorCode, PgErrorCode, type Database } from '@switchboard/persistence';
import type { MailboxInput } from './mailbox.dto';
import { MailboxAdminRepository, type MailboxRecord } from './mailbox-admin.repository';
import { MailboxException, MailboxExceptionCode } from './mailbox.exception';
import { toMailboxView, type MailboxView } from './mailbox.view';

/**
 * An admin's support mailboxes of the email channel. The channel-email process picks every change up
 * from email_mailboxes within EMAIL_MAILBOX_REFRESH_MS. Disabling keeps the row: cursors and the
 * Message-IDs sent from it point at it.
 */
export class MailboxAdminUseCase {
  private readonly repository = new MailboxAdminRepository();

  constructor(private readonly db: Database) {}

  async list(tenantId: string): Promise<{ mailboxes: MailboxView[] }> {
    const rows = await inTenant(this.db, tenantId, (tx) => this.repository.list(tx, tenantId));
    return { mailboxes: rows.map(toMailboxView) };
  }

  async get(tenantId: string, id: string): Promise<MailboxView> {
    return toMailboxView(found(await inTenant(this.db, tenantId, (tx) => this.repository.find(tx, tenantId, id))));
  }

  async create(tenantId: string, input: MailboxInput): Promise<MailboxView> {
    const row = await unique(input, () =>
      inTenant(this.db, tenantId, (tx) => this.repository.insert(tx, tenantId, newId(), input)),
    );
    return toMailboxView(row);
  }

  /** Replaces every setting and enables the mailbox again if it was disabled. */
  async replace(tenantId: string, id: string, input: MailboxInput): Promise<MailboxView> {
    const row = await unique(input, () =>
      inTenant(this.db, tenantId, (tx) => this.repository.replace(tx, tenantId, id, input)),
    );
    return toMailboxView(found(row));
  }

  async disable(tenantId: string, id: string): Promise<MailboxView> {
    return toMailboxView(found(await inTenant(this.db, tenantId, (tx) => this.repository.disable(tx, tenantId, id))));
  }
}

function found(row: MailboxRecord | undefined): MailboxRecord {
  if (!row) throw new MailboxException(MailboxExceptionCode.MailboxNotFound, 'No such mailbox.');
  return row;
}

/** The address is unique per tenant (UNIQUE (tenant_id, address)); a clash is the caller's, not ours. */
async function unique<T>(input: MailboxInput, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (pgErrorCode(error) !== PgErrorCode.uniqueViolation) throw error;
    throw new MailboxException(MailboxExceptionCode.MailboxExists, `The mailbox ${input.address} exists already.`);
  }
}
