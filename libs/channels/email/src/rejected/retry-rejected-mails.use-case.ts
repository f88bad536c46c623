import type { Logger } from '@switchboard/logger';
import { readLocalBlob } from '@switchboard/blobs';
import type { FetchedMail } from '../intake/accept-mail-batch.use-case';
import type { Mailbox } from '../store/mailbox.repository';
import type { RejectedMailRepository } from '../store/rejected-mail.repository';

export interface RetryRejectedMailsDeps {
  readonly rejected: RejectedMailRepository;
  readonly mailboxes: ReadonlyMap<string, Mailbox>;
  readonly blobDir: string;
  /** Intake: the kept original goes through it as if fetched again. */
  readonly accept: (mailbox: Mailbox, mails: readonly FetchedMail[]) => Promise<void>;
  readonly log: Logger;
}

/**
 * Takes the mails an admin asked to retry (the rejected-mail list) through intake again, from their
 * kept originals: with today's caps and classification, and published under a new InboundMessage id so
 * the ticket service's receipt matches. Refused again, a mail is back on the list with its new reason.
 */
export class RetryRejectedMailsUseCase {
  constructor(private readonly deps: RetryRejectedMailsDeps) {}

  async execute(limit = 50): Promise<number> {
    const requested = await this.deps.rejected.retryRequested(limit);
    let retried = 0;
    for (const row of requested) {
      const ids = { rejectedMail: row.id, mailbox: row.mailboxId, uid: row.uid, messageId: row.messageId };
      const mailbox = row.mailboxId ? this.deps.mailboxes.get(row.mailboxId) : undefined;
      const raw = row.rawRef ? await readLocalBlob(this.deps.blobDir, row.rawRef) : undefined;
      if (!mailbox || !raw) {
        this.deps.log.warn({ ...ids, mailboxWatched: mailbox !== undefined }, 'rejected mail cannot be retried here');
        continue;
      }
      await this.deps.rejected.markRetried(row.tenantId, row.id);
      await this.deps.accept(mailbox, [{ uid: row.uid ?? 0, source: raw }]);
      this.deps.log.info(ids, 'rejected mail retried');
      retried += 1;
    }
    return retried;
  }
}
