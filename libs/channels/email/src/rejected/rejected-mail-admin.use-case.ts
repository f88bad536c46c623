import type { RejectedMail, RejectedMailRepository } from '../store/rejected-mail.repository';
import { inTenantScope, type TransactionalSqlClient } from '../store/tenant-scope';
import { RejectedMailException, RejectedMailExceptionCode } from './rejected-mail.exception';

/** What the admin API shows of a rejected mail: ids and reasons, never the body. */
export interface RejectedMailView {
  readonly id: string;
  readonly mailboxId: string | null;
  readonly uid: number | null;
  readonly messageId: string;
  readonly sender: string;
  readonly subject: string;
  readonly reason: string;
  readonly detail: string;
  /** Whether the raw original is kept, so a retry can take it again. */
  readonly retryable: boolean;
  readonly status: RejectedMail['status'];
  readonly retryCount: number;
  readonly createdAt: Date;
  readonly retriedAt: Date | null;
}

const toView = (m: RejectedMail): RejectedMailView => ({
  id: m.id,
  mailboxId: m.mailboxId,
  uid: m.uid,
  messageId: m.messageId,
  sender: m.sender,
  subject: m.subject,
  reason: m.reason,
  detail: m.detail,
  retryable: m.rawRef !== null,
  status: m.status,
  retryCount: m.retryCount,
  createdAt: m.createdAt,
  retriedAt: m.retriedAt,
});

/**
 * The rejected-mail list for admins: mails the channel took from a mailbox that did not become a ticket
 * message. A retry only marks the row; the email channel takes the kept original again within
 * EMAIL_MAILBOX_REFRESH_MS and publishes it anew, so the admin API needs no bus and no blob store.
 */
export class RejectedMailAdminUseCase {
  constructor(
    private readonly db: TransactionalSqlClient,
    private readonly rejected: RejectedMailRepository,
  ) {}

  async list(tenantId: string, limit = 100): Promise<{ rejectedMails: RejectedMailView[] }> {
    const rows = await inTenantScope(this.db, tenantId, (tx) => this.rejected.list(tx, tenantId, limit));
    return { rejectedMails: rows.map(toView) };
  }

  async retry(tenantId: string, id: string): Promise<RejectedMailView> {
    const row = await inTenantScope(this.db, tenantId, async (tx) => {
      const found = await this.rejected.find(tx, tenantId, id);
      if (!found)
        throw new RejectedMailException(RejectedMailExceptionCode.RejectedMailNotFound, 'No such rejected mail.');
      if (found.rawRef === null) {
        throw new RejectedMailException(
          RejectedMailExceptionCode.RejectedMailNotRetryable,
          'The original of this mail was too large to keep; it is still in the mailbox under its UID.',
        );
      }
      return this.rejected.requestRetry(tx, tenantId, id);
    });
    if (!row) throw new RejectedMailException(RejectedMailExceptionCode.RejectedMailNotFound, 'No such rejected mail.');
    return toView(row);
  }
}
