import { messageIdsIn } from '../parse/parse-email';
import { headerValue, type ParsedEmail } from '../parse/parsed-email';
import type { Bounce, EmailClassification, NoiseReason } from './email-classification';

const NO_REPLY_LOCAL_PART = /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?|notifications?)([+._-]|$)/i;

function noiseReasonOf(email: ParsedEmail, ownAddresses: ReadonlySet<string>): NoiseReason | undefined {
  const autoSubmitted = headerValue(email, 'auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted !== undefined && autoSubmitted !== '' && !autoSubmitted.startsWith('no')) return 'auto_submitted';
  // RFC 3834 leaves these vendor headers undefined; any presence means an automatic reply.
  if (['x-autoreply', 'x-autorespond', 'x-auto-response-suppress'].some((h) => email.headers.has(h))) {
    return 'auto_reply_header';
  }
  const precedence = headerValue(email, 'precedence')?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return 'bulk_precedence';
  const sender = email.from?.address;
  if (sender === undefined) return 'no_sender';
  if (ownAddresses.has(sender)) return 'own_address';
  if (email.headers.has('list-id') && NO_REPLY_LOCAL_PART.test(sender.split('@')[0] ?? '')) {
    return 'mailing_list_no_reply';
  }
  return undefined;
}

function field(report: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:\\s*(.+(?:\\r?\\n[ \\t].+)*)`, 'im').exec(report);
  return match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
}

function bounceOf(email: ParsedEmail): Bounce {
  // mailparser hands message/delivery-status over as body text; some versions as a part.
  const status =
    email.parts.find((p) => p.contentType === 'message/delivery-status')?.content.toString('utf8') ?? email.text;
  const original = email.parts.find(
    (p) => p.contentType === 'message/rfc822' || p.contentType === 'text/rfc822-headers',
  );
  const originalHeaders = original?.content.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
  const recipient = field(status, 'Final-Recipient') ?? field(status, 'Original-Recipient');
  return {
    originalMessageId: messageIdsIn(field(originalHeaders, 'Message-ID'))[0],
    failedRecipient: recipient?.replace(/^rfc822;\s*/i, '').toLowerCase(),
    status: field(status, 'Status'),
    diagnostic: field(status, 'Diagnostic-Code')?.replace(/^smtp;\s*/i, '') ?? field(status, 'Action') ?? '',
  };
}

/**
 * Decides whether a message is a customer writing (make or extend a ticket), automatic noise (never a
 * ticket, never acknowledged, so two auto-responders cannot loop), or a delivery-status report about
 * one of our messages (RFC 3464), whose original Message-ID and failed recipient it extracts.
 */
export function classifyEmail(email: ParsedEmail, ownAddresses: ReadonlySet<string>): EmailClassification {
  if (/^multipart\/report\b/.test(email.contentType) && /report-type=("?)delivery-status\1/.test(email.contentType)) {
    return { kind: 'bounce', bounce: bounceOf(email) };
  }
  const reason = noiseReasonOf(email, ownAddresses);
  return reason === undefined ? { kind: 'customer' } : { kind: 'noise', reason };
}
