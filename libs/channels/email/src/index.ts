export { parseEmail, messageIdsIn } from './parse/parse-email';
export type { ParsedEmail, EmailAddress, EmailPart } from './parse/parsed-email';
export { sanitizeEmailHtml } from './parse/sanitize-email-html';
export { trimQuotedReply } from './parse/trim-quoted-reply';
export { classifyEmail } from './classify/classify-email';
export type { EmailClassification, NoiseReason, Bounce } from './classify/email-classification';
export { threadingKeysOf, subjectTicketNumberOf, type ThreadingKeys } from './thread/threading-keys';
export { interpretEmail, type InterpretedEmail, type StoredAttachment } from './interpret/interpret-email';
export { ChannelEmailModule, type ChannelEmailModuleOptions } from './channel-email.module';
export { EmailMailboxesModule, type EmailMailboxesModuleOptions } from './email-mailboxes.module';
export { EmailChannel, type EmailChannelOptions } from './email-channel';
export { EMAIL_SQL_CLIENT, EMAIL_TENANT_DIRECTORY } from './email-channel.tokens';
export { SqlEmailTenantDirectory, type EmailTenantDirectory } from './store/email-tenant-directory';
export { EMAIL_RECEIPTS_GROUP } from './acknowledge/email-receipts.consumer';
export {
  loadEmailChannelConfig,
  EmailConfigError,
  type EmailChannelConfig,
  type MailboxSettings,
} from './config/email-channel.config';
export type { SqlClient } from './store/sql-client';
export { IntakeCounters, type IntakeOutcome } from './intake/intake-counters';
export { createPgSqlClient, type PgSqlClient } from './store/pg-sql-client';
export { SendOutboundEmailUseCase } from './outbound/send-outbound-email.use-case';
export { EmailChannelAdapter, EMAIL_CHANNEL_NAME } from './email-channel.adapter';
export { ImapInboundSource } from './imap/imap-inbound-source';
export type { Mailbox } from './store/mailbox.repository';
export * from './mailboxes/admin';
export type { TransactionalSqlClient } from './store/tenant-scope';
export * from './rejected';
export { NO_SUBJECT } from './intake/to-inbound-message';
