/**
 * The agent API's self-service endpoints for channel services that proved a customer's identity
 * themselves (WeChat signs the OpenID, Twilio the caller's number), used when the channel runs on its
 * own and cannot reach the ticket domain. Requests are signed (`v1=` HMAC over timestamp and body,
 * @switchboard/http) with a key derived from PORTAL_SECRET for this purpose alone.
 */
export const ChannelSelfServicePaths = {
  tickets: '/api/v1/channel-self-service/tickets',
  ratings: '/api/v1/channel-self-service/ratings',
  phoneStatus: '/api/v1/channel-self-service/phone-status',
} as const;

/** Mixed into the portal secret, so this key signs nothing else (links, sessions). */
export const CHANNEL_SELF_SERVICE_KEY_PURPOSE = 'switchboard/channel-self-service/v1';

export type ChannelIdentityKind = 'wechat_openid' | 'wechat_unionid' | 'phone';

export interface ChannelCustomerIdentity {
  /** The tenant's slug. */
  readonly tenant: string;
  readonly kind: ChannelIdentityKind;
  readonly value: string;
}

/** POST tickets: the customer's open tickets, or only the named one when it is theirs. */
export interface ChannelTicketsRequest extends ChannelCustomerIdentity {
  readonly ticketNumber?: string;
}

export interface ChannelTicketLine {
  readonly number: string;
  readonly subject: string;
  readonly status: string;
  readonly statusText: { readonly en: string; readonly zh: string };
  readonly visitText: string | null;
}

/** POST ratings: the score for the customer's resolved ticket that waits for one. */
export interface ChannelRatingRequest extends ChannelCustomerIdentity {
  readonly score: number;
  /** The channel the rating came through (wechat, sms), as it is stored with the rating. */
  readonly channel: string;
}

/** POST phone-status: what the IVR's status key speaks for this caller, in this language. */
export interface ChannelPhoneStatusRequest {
  readonly tenant: string;
  readonly phone: string;
  readonly language: string;
}
