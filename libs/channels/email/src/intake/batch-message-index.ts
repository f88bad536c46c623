import type { EmailMessageRecord, EmailMessageRepository } from '../store/email-message.repository';

/**
 * The Message-ID index as seen from inside one batch: mails of the batch count as known before they
 * are written, so a reply fetched in the same batch as the mail it answers joins its thread.
 */
export class BatchMessageIndex {
  private readonly local = new Map<string, EmailMessageRecord>();

  constructor(private readonly stored: EmailMessageRepository) {}

  add(record: EmailMessageRecord): void {
    if (!this.local.has(record.messageId)) this.local.set(record.messageId, record);
  }

  get records(): EmailMessageRecord[] {
    return [...this.local.values()];
  }

  /** Known records of these Message-IDs, in the order asked. */
  async findAll(tenantId: string, messageIds: readonly string[]): Promise<EmailMessageRecord[]> {
    const missing = messageIds.filter((id) => !this.local.has(id));
    const fromDb = new Map((await this.stored.findAll(tenantId, missing)).map((r) => [r.messageId, r]));
    return messageIds.flatMap((id) => {
      const record = this.local.get(id) ?? fromDb.get(id);
      return record ? [record] : [];
    });
  }
}
