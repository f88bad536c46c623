/** Why a message is not a customer's own words. */
export type NoiseReason =
  | 'auto_submitted'
  | 'auto_reply_header'
  | 'exchange_out_of_office'
  | 'null_return_path'
  | 'auto_reply_subject'
  | 'bulk_precedence'
  | 'mailing_list_no_reply'
  | 'own_address';

export interface Bounce {
  /** The Message-ID of our message that bounced, angle brackets kept. */
  readonly originalMessageId: string | undefined;
  readonly failedRecipient: string | undefined;
  readonly status: string | undefined;
  readonly diagnostic: string;
  /** `delayed`: the server is still trying (RFC 3464 Action: delayed, or a 4.x.x status): not a failure. */
  readonly action: 'failed' | 'delayed';
  /** How it was recognised: an RFC 3464 report, or a mailer daemon's plain-text notice (Gmail does that). */
  readonly recognisedBy: 'delivery_status_report' | 'heuristic';
}

export type EmailClassification =
  | {
      readonly kind: 'customer';
      /** Do not answer automatically (X-Auto-Response-Suppress, a no-reply or mailer-daemon sender). */
      readonly noAutoReply: boolean;
    }
  | { readonly kind: 'noise'; readonly reason: NoiseReason }
  | { readonly kind: 'bounce'; readonly bounce: Bounce };
