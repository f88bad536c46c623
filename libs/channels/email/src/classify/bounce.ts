import { messageIdsIn } from '../parse/parse-email';
import { headerValue, type ParsedEmail } from '../parse/parsed-email';
import type { Bounce } from './email-classification';

/** Mailer daemons and postmasters: never a customer to acknowledge, and the senders of bounces. */
export const MAILER_DAEMON_LOCAL_PART = /^(mailer-daemon|mail-daemon|postmaster|mailerdaemon)$/i;
/** Addresses that never read an answer: we never acknowledge them. */
export const NO_REPLY_LOCAL_PART =
  /^(no-?reply|do-?not-?reply|mailer-daemon|mail-daemon|postmaster|bounces?|notifications?)([+._-]|$)/i;

const BOUNCE_SUBJECT =
  /^\s*(undeliver(?:able|ed)\b|delivery status notification|mail delivery (?:failed|failure|subsystem)|failure notice|returned mail\b|delivery failure|delayed mail|warning: (?:could not send|delayed)|message (?:not delivered|delivery failure)|系统退信|退信|邮件投递失败|投递失败|無法傳遞)/iu;
const BOUNCE_BODY =
  /(wasn'?t delivered|could ?n[o']t be delivered|undeliverable|delivery (?:has )?failed|delivery to the following recipients? failed|permanent (?:error|failure)|user unknown|mailbox unavailable|address not found|not able to deliver|will (?:continue to )?retry|has not yet been delivered|\b[45]\.\d{1,3}\.\d{1,3}\b)/i;
const DELAY = /(\bdelay|will (?:continue to )?retry|has not yet been delivered|still being retried|延迟)/i;

function field(report: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:\\s*(.+(?:\\r?\\n[ \\t].+)*)`, 'im').exec(report);
  return match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
}

function originalHeadersOf(email: ParsedEmail): string {
  const original = email.parts.find(
    (p) => p.contentType === 'message/rfc822' || p.contentType === 'text/rfc822-headers',
  );
  return original?.content.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
}

/** A multipart/report; report-type=delivery-status (RFC 3464): the machine-readable kind. */
export function deliveryStatusReportOf(email: ParsedEmail): Bounce {
  // mailparser hands message/delivery-status over as body text; some versions as a part.
  const status =
    email.parts.find((p) => p.contentType === 'message/delivery-status')?.content.toString('utf8') ?? email.text;
  const recipient = field(status, 'Final-Recipient') ?? field(status, 'Original-Recipient');
  const code = field(status, 'Status');
  const action = field(status, 'Action')?.toLowerCase();
  return {
    originalMessageId: messageIdsIn(field(originalHeadersOf(email), 'Message-ID'))[0],
    failedRecipient: recipient?.replace(/^rfc822;\s*/i, '').toLowerCase(),
    status: code,
    diagnostic: field(status, 'Diagnostic-Code')?.replace(/^smtp;\s*/i, '') ?? field(status, 'Action') ?? '',
    action: action === 'delayed' || (action === undefined && code?.startsWith('4.')) ? 'delayed' : 'failed',
    recognisedBy: 'delivery_status_report',
  };
}

/**
 * A bounce sent as plain text (Gmail's "Delivery Status Notification", qmail's "failure notice", many
 * appliances): a mailer daemon or postmaster sender with a bounce subject or body, or a bounce subject
 * and body together from anyone. Returns undefined for anything else.
 */
export function plainTextBounceOf(email: ParsedEmail): Bounce | undefined {
  const local = email.from?.address.split('@')[0] ?? '';
  const daemon = MAILER_DAEMON_LOCAL_PART.test(local);
  const subject = BOUNCE_SUBJECT.test(email.subject);
  const body = BOUNCE_BODY.test(email.text);
  if (!(daemon ? subject || body : subject && body)) return undefined;
  const text = email.text;
  const code = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1];
  const recipient =
    field(text, 'Final-Recipient')?.replace(/^rfc822;\s*/i, '') ??
    /(?:delivered to|recipients?:?|to)\s*<?([^\s<>@]+@[^\s<>@,;]+[^\s<>@,;.])/i.exec(text)?.[1] ??
    headerValue(email, 'x-failed-recipients');
  const diagnostic = /^.*\b[45]\d\d[ -][245]\.\d{1,3}\.\d{1,3}\b.*$/m.exec(text)?.[0].trim() ?? '';
  return {
    originalMessageId:
      messageIdsIn(field(originalHeadersOf(email), 'Message-ID'))[0] ?? messageIdsIn(field(text, 'Message-ID'))[0],
    failedRecipient: recipient?.toLowerCase(),
    status: code,
    diagnostic: diagnostic.slice(0, 500),
    action:
      code?.startsWith('4.') || (!code?.startsWith('5.') && DELAY.test(`${email.subject}\n${text}`))
        ? 'delayed'
        : 'failed',
    recognisedBy: 'heuristic',
  };
}
