import { headerValue, type ParsedEmail } from '../parse/parsed-email';
import { autoReplyReasonOf } from './auto-reply';
import { deliveryStatusReportOf, NO_REPLY_LOCAL_PART, plainTextBounceOf } from './bounce';
import type { EmailClassification, NoiseReason } from './email-classification';

function noiseReasonOf(email: ParsedEmail, ownAddresses: ReadonlySet<string>): NoiseReason | undefined {
  const auto = autoReplyReasonOf(email);
  if (auto) return auto;
  const precedence = headerValue(email, 'precedence')?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return 'bulk_precedence';
  const sender = email.from?.address;
  if (sender !== undefined && ownAddresses.has(sender)) return 'own_address';
  if (sender !== undefined && email.headers.has('list-id') && NO_REPLY_LOCAL_PART.test(sender.split('@')[0] ?? '')) {
    return 'mailing_list_no_reply';
  }
  return undefined;
}

/**
 * Decides whether a message is a customer writing (make or extend a ticket), automatic noise (never a
 * ticket, never acknowledged, so two auto-responders cannot loop), or a delivery-status report about
 * one of our messages (RFC 3464, or a mailer daemon's plain-text notice), whose original Message-ID and
 * failed recipient it extracts. A mail without From is customer mail here: intake keeps it as rejected.
 */
export function classifyEmail(email: ParsedEmail, ownAddresses: ReadonlySet<string>): EmailClassification {
  if (/^multipart\/report\b/.test(email.contentType) && /report-type=("?)delivery-status\1/.test(email.contentType)) {
    return { kind: 'bounce', bounce: deliveryStatusReportOf(email) };
  }
  const plainBounce = plainTextBounceOf(email);
  if (plainBounce) return { kind: 'bounce', bounce: plainBounce };
  const reason = noiseReasonOf(email, ownAddresses);
  if (reason !== undefined) return { kind: 'noise', reason };
  const local = email.from?.address.split('@')[0] ?? '';
  return {
    kind: 'customer',
    noAutoReply: email.headers.has('x-auto-response-suppress') || NO_REPLY_LOCAL_PART.test(local),
  };
}
