import { newId } from '@switchboard/ids';
import { inTenantScope, type TransactionalSqlClient } from '../../store/tenant-scope';
import type { MailboxAdminInput } from './mailbox-admin.input';
import { MailboxAdminRepository, type MailboxRecord } from './mailbox-admin.repository';
import { MailboxException, MailboxExceptionCode } from './mailbox-admin.exception';
import { toMailboxView, type MailboxView } from './mailbox.view';

/** Postgres' unique_violation; the channel reads SQLSTATE itself rather than import persistence. */
const UNIQUE_VIOLATION = '23505';

/**
 * An admin's support mailboxes of the email channel, which owns email_mailboxes. The channel-email
 * process picks every change up within EMAIL_MAILBOX_REFRESH_MS. Disabling keeps the row: cursors and
 * the Message-IDs sent from it point at it. Every call is one tenant-scoped transaction.
 */
export class MailboxAdminUseCase {
  private readonly repository = new MailboxAdminRepository();

  constructor(private readonly db: TransactionalSqlClient) {}

  async list(tenantId: string): Promise<{ mailboxes: MailboxView[] }> {
    const rows = await inTenantScope(this.db, tenantId, (tx) => this.repository.list(tx, tenantId));
    return { mailboxes: rows.map(toMailboxView) };
  }

  async get(tenantId: string, id: string): Promise<MailboxView> {
    return toMailboxView(found(await inTenantScope(this.db, tenantId, (tx) => this.repository.find(tx, tenantId, id))));
  }

  async create(tenantId: string, input: MailboxAdminInput): Promise<MailboxView> {
    const row = await unique(input, () =>
      inTenantScope(this.db, tenantId, (tx) => this.repository.insert(tx, tenantId, newId(), input)),
    );
    return toMailboxView(row);
  }

  /** Replaces every setting and enables the mailbox again if it was disabled. */
  async replace(tenantId: string, id: string, input: MailboxAdminInput): Promise<MailboxView> {
    const row = await unique(input, () =>
      inTenantScope(this.db, tenantId, (tx) => this.repository.replace(tx, tenantId, id, input)),
    );
    return toMailboxView(found(row));
  }

  async disable(tenantId: string, id: string): Promise<MailboxView> {
    return toMailboxView(
      found(await inTenantScope(this.db, tenantId, (tx) => this.repository.disable(tx, tenantId, id))),
    );
  }
}

function found(row: MailboxRecord | undefined): MailboxRecord {
  if (!row) throw new MailboxException(MailboxExceptionCode.MailboxNotFound, 'No such mailbox.');
  return row;
}

function sqlStateOf(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  const withCode = error as { code?: unknown; driverError?: { code?: unknown } };
  return withCode.driverError?.code ?? withCode.code;
}

/** The address is unique per tenant (UNIQUE (tenant_id, address)); a clash is the caller's, not ours. */
async function unique<T>(input: MailboxAdminInput, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (sqlStateOf(error) !== UNIQUE_VIOLATION) throw error;
    throw new MailboxException(MailboxExceptionCode.MailboxExists, `The mailbox ${input.address} exists already.`);
  }
}
