import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPublicAddress, OUTBOUND_POLICY_ENV, type OutboundDestinationPolicy } from './outbound-destination-policy';

/** Refused at connect time: the name resolved to an address the policy does not allow. */
export class DestinationNotPublicError extends Error {
  readonly code = 'destination_not_public';

  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, not a public address (set ${OUTBOUND_POLICY_ENV}=true to allow it)`);
    this.name = 'DestinationNotPublicError';
  }
}

/**
 * A `lookup` for node:http(s) that resolves the name once and refuses it when any of its addresses is
 * not public, so the address judged is the address connected to (no DNS rebinding in between).
 */
export function guardedLookup(policy: OutboundDestinationPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, resolved: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = policy.allowPrivateNetworks ? undefined : resolved.find((a) => !isPublicAddress(a.address));
      if (refused) return callback(new DestinationNotPublicError(hostname, refused.address), '', 0);
      if (options.all) return callback(null, resolved);
      const first = resolved[0];
      if (!first) return callback(new Error(`${hostname} did not resolve`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
