/** Why a message is not a customer's own words. */
export type NoiseReason =
  'auto_submitted' | 'auto_reply_header' | 'bulk_precedence' | 'mailing_list_no_reply' | 'own_address' | 'no_sender';

export interface Bounce {
  /** The Message-ID of our message that bounced, angle brackets kept. */
  readonly originalMessageId: string | undefined;
  readonly failedRecipient: string | undefined;
  readonly status: string | undefined;
  readonly diagnostic: string;
}

export type EmailClassification =
  | { readonly kind: 'customer' }
  | { readonly kind: 'noise'; readonly reason: NoiseReason }
  | { readonly kind: 'bounce'; readonly bounce: Bounce };
