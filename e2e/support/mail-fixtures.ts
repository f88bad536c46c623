import { randomBytes } from 'node:crypto';

/** A fresh Message-ID as a customer's mail client would make one. */
export const newMessageId = (): string => `<${randomBytes(8).toString('hex')}@customer.test>`;

export interface BounceOf {
  readonly originalMessageId: string;
  /** The address that could not be reached (the customer). */
  readonly recipient: string;
  /** Our support address, to which the bounce comes back. */
  readonly support: string;
  /**
   * What the bounce returns of our mail: only its headers (text/rfc822-headers, as Postfix sends
   * them) or the whole message (message/rfc822, as Exchange does).
   */
  readonly returns: 'headers' | 'message';
}

/** A delivery-status report (RFC 3464) for a mail we sent, as raw RFC 5322 text. */
export function bounceMail({ originalMessageId, recipient, support, returns }: BounceOf): string {
  const returned =
    returns === 'headers'
      ? [
          'Content-Type: text/rfc822-headers',
          '',
          `From: ${support}`,
          `To: ${recipient}`,
          `Message-ID: ${originalMessageId}`,
        ]
      : [
          'Content-Type: message/rfc822',
          '',
          `From: ${support}`,
          `To: ${recipient}`,
          `Message-ID: ${originalMessageId}`,
          'Subject: Re: VPN down',
          '',
          'Please update the VPN client to 5.2.',
        ];
  return [
    'From: Mail Delivery System <MAILER-DAEMON@customer.test>',
    `To: ${support}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <bounce-${randomBytes(6).toString('hex')}@customer.test>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.customer.test',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    returns === 'headers' ? 'Status: 5.1.1' : 'Status: 5.2.2',
    returns === 'headers'
      ? 'Diagnostic-Code: smtp; 550 5.1.1 mailbox unavailable'
      : 'Diagnostic-Code: smtp; 552 5.2.2 mailbox full',
    '--B',
    ...returned,
    '--B--',
    '',
  ].join('\r\n');
}
