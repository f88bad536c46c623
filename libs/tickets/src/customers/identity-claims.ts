import type { ChannelName, CustomerIdentity } from '@switchboard/contracts';

export type IdentityKind = 'wechat_unionid' | 'wechat_openid' | 'external' | 'email' | 'phone';

/** One identity a message claims for its sender; `verified` when the channel proved it. */
export interface IdentityClaim {
  readonly kind: IdentityKind;
  readonly value: string;
  readonly verified: boolean;
}

/** Strongest first: the order in which a message's claims pick its customer when they disagree. */
export const IDENTITY_KINDS: readonly IdentityKind[] = [
  'wechat_unionid',
  'wechat_openid',
  'external',
  'email',
  'phone',
];

const isIdentityKind = (value: string): value is IdentityKind => (IDENTITY_KINDS as readonly string[]).includes(value);

/**
 * Kinds a channel proves by itself, whatever the adapter's `verified` list says: WeChat signs the
 * OpenID/UnionID of every message it delivers, and the API channel is an authenticated integration
 * naming its own CRM id. An email From header and a caller id can be forged, so they count as
 * verified only when the adapter lists them (e.g. a signed-in portal user, a DKIM-checked sender).
 */
const PROVEN_BY_CHANNEL: Partial<Record<ChannelName, readonly IdentityKind[]>> = {
  wechat: ['wechat_openid', 'wechat_unionid'],
  api: ['external'],
};

const normalizers: Record<IdentityKind, (raw: string) => string> = {
  wechat_unionid: (raw) => raw.trim(),
  wechat_openid: (raw) => raw.trim(),
  external: (raw) => raw.trim(),
  email: (raw) => raw.trim().toLowerCase(),
  phone: (raw) => raw.trim().replace(/[\s()-]/g, ''),
};

const E164 = /^\+[1-9]\d{6,14}$/;

/** The message's identity claims, normalized, strongest first; an unparseable phone is dropped. */
export function identityClaimsOf(
  customer: CustomerIdentity | undefined,
  channel: ChannelName | undefined,
): IdentityClaim[] {
  if (!customer) return [];
  const raw: Record<IdentityKind, string> = {
    wechat_unionid: customer.wechatUnionid,
    wechat_openid: customer.wechatOpenid,
    external: customer.externalId,
    email: customer.email,
    phone: customer.phone,
  };
  const proven = new Set<string>([
    ...customer.verified.filter(isIdentityKind),
    ...((channel && PROVEN_BY_CHANNEL[channel]) ?? []),
  ]);
  const claims: IdentityClaim[] = [];
  for (const kind of IDENTITY_KINDS) {
    const value = normalizers[kind](raw[kind]);
    if (value.length === 0 || value.length > 512) continue;
    if (kind === 'phone' && !E164.test(value)) continue;
    claims.push({ kind, value, verified: proven.has(kind) });
  }
  return claims;
}
