export { parseEmail, messageIdsIn } from './parse/parse-email';
export type { ParsedEmail, EmailAddress, EmailPart } from './parse/parsed-email';
export { sanitizeEmailHtml } from './parse/sanitize-email-html';
export { trimQuotedReply } from './parse/trim-quoted-reply';
export { classifyEmail } from './classify/classify-email';
export type { EmailClassification, NoiseReason, Bounce } from './classify/email-classification';
export { threadingKeysOf, subjectTicketNumberOf, type ThreadingKeys } from './thread/threading-keys';
export { LocalBlobStore, AttachmentTooLargeError, type BlobStore, type StoredBlob } from './blobs/blob-store';
export { interpretEmail, type InterpretedEmail, type StoredAttachment } from './interpret/interpret-email';
export {
  startEmailChannel,
  EMAIL_RECEIPTS_GROUP,
  EMAIL_OUTBOUND_GROUP,
  type EmailChannel,
  type EmailChannelDeps,
} from './email-channel';
export {
  loadEmailChannelConfig,
  EmailConfigError,
  type EmailChannelConfig,
  type MailboxSettings,
} from './config/email-channel.config';
export type { SqlClient } from './store/sql-client';
export { IntakeCounters, type IntakeOutcome } from './intake/intake-counters';
export * from './testing/test-mail-server';
export { createPgSqlClient, type PgSqlClient } from './store/pg-sql-client';
export { SendOutboundEmailUseCase, UndeliverableEmailError } from './outbound/send-outbound-email.use-case';
export { outboundConsumer } from './outbound/outbound-consumer';
export type { Mailbox } from './store/mailbox.repository';
