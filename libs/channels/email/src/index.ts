export { parseEmail, messageIdsIn } from './parse/parse-email';
export type { ParsedEmail, EmailAddress, EmailPart } from './parse/parsed-email';
export { sanitizeEmailHtml } from './parse/sanitize-email-html';
export { trimQuotedReply } from './parse/trim-quoted-reply';
export { classifyEmail } from './classify/classify-email';
export type { EmailClassification, NoiseReason, Bounce } from './classify/email-classification';
export { threadingKeysOf, subjectTicketNumberOf, type ThreadingKeys } from './thread/threading-keys';
export { LocalBlobStore, AttachmentTooLargeError, type BlobStore, type StoredBlob } from './blobs/blob-store';
export { interpretEmail, type InterpretedEmail, type StoredAttachment } from './interpret/interpret-email';
