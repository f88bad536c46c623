import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/**
 * Where the product may send a request that an admin or integrator configured (tenant webhooks, the API
 * channel's answer URL): public addresses only, unless the operator allows private networks (a receiver
 * on the same host or LAN). Without this, a tenant admin could make the server call its own metadata
 * endpoint, Redis or the database (server-side request forgery).
 */
export interface OutboundDestinationPolicy {
  readonly allowPrivateNetworks: boolean;
}

export const OUTBOUND_POLICY_ENV = 'OUTBOUND_ALLOW_PRIVATE_NETWORKS';

/** The policy's environment variable, for the env schema of every config that sends to such URLs. */
export const outboundDestinationEnvShape = {
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v): OutboundDestinationPolicy => ({ allowPrivateNetworks: v === 'true' })),
};

/** Loopback, private, link-local (cloud metadata), CGNAT, multicast, reserved and documentation ranges. */
const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  nonPublic.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  nonPublic.addSubnet(network, prefix, 'ipv6');

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** True when the address is one a request from the internet could be meant for. */
export function isPublicAddress(address: string): boolean {
  const mapped = IPV4_MAPPED.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
  return !nonPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type DestinationProblem =
  | { readonly code: 'destination_url_invalid'; readonly message: string }
  | { readonly code: 'destination_not_public'; readonly message: string };

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');

/**
 * What can be judged without DNS: an absolute http(s) URL without credentials, and, when the host is an
 * address literal or `localhost`, a public one. Names are judged again at connect time by every
 * resolved address (see guardedLookup), which also defeats DNS rebinding.
 */
export function destinationProblemOf(raw: string, policy: OutboundDestinationPolicy): DestinationProblem | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { code: 'destination_url_invalid', message: 'must be an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { code: 'destination_url_invalid', message: 'must be an http or https URL' };
  if (url.username || url.password)
    return { code: 'destination_url_invalid', message: 'must not carry a user name or password' };
  if (policy.allowPrivateNetworks) return undefined;
  const host = hostOf(url).toLowerCase().replace(/\.$/, '');
  const literal = isIP(host) !== 0;
  if (host === 'localhost' || host.endsWith('.localhost') || (literal && !isPublicAddress(host)))
    return {
      code: 'destination_not_public',
      message: `${host} is not a public address (set ${OUTBOUND_POLICY_ENV}=true to allow private networks)`,
    };
  return undefined;
}
