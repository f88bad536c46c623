/**
 * Twilio error codes the channel treats on their own (twilio.com/docs/api/errors). The rest are
 * classified by HTTP status: 429 and 5xx are retried, other 4xx are permanent.
 */
export const TwilioErrorCodes = {
  invalidToNumber: 21211,
  /** The recipient replied STOP to this sender: Twilio refuses every send until START. */
  unsubscribedRecipient: 21610,
  regionNotPermitted: 21408,
  notMobileNumber: 21614,
} as const;

/** Delivery error codes in status callbacks, with the wording shown to agents. */
const DELIVERY_ERRORS: Readonly<Record<number, string>> = {
  30001: 'queue overflow',
  30002: 'account suspended',
  30003: 'unreachable destination handset',
  30004: 'message blocked',
  30005: 'unknown destination handset',
  30006: 'landline or unreachable carrier',
  30007: 'message filtered by the carrier',
  30008: 'unknown error',
  30009: 'missing segment',
  30010: 'message price exceeds max price',
  30034: 'sender not registered for US A2P 10DLC',
  21610: 'recipient unsubscribed (STOP)',
};

export const describeTwilioError = (code: number): string => DELIVERY_ERRORS[code] ?? 'see Twilio error reference';
