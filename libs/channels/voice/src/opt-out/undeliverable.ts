import type { OptOut, OptOutStore } from './opt-out.store';

/** Why a reply was not sent; goes on the ticket as the delivery report's detail. */
export interface Undeliverable {
  readonly reason: 'recipient_opted_out';
  readonly detail: string;
}

export const optedOutDetail = (optOut: OptOut): string =>
  optOut.source === 'keyword'
    ? `recipient opted out by texting "${optOut.detail}" on ${optOut.at.toISOString()}`
    : `Twilio refused the number as unsubscribed (error ${optOut.detail}) on ${optOut.at.toISOString()}`;

/**
 * The one rule before every send: nothing goes to an opted-out number. Returns why a send to the
 * number is undeliverable, or undefined when it may be sent.
 */
export async function undeliverableTo(
  store: OptOutStore,
  tenant: string,
  phone: string,
): Promise<Undeliverable | undefined> {
  const optOut = await store.find(tenant, phone);
  return optOut ? { reason: 'recipient_opted_out', detail: optedOutDetail(optOut) } : undefined;
}
