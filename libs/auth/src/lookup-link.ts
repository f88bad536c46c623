import { signToken, verifyToken } from './signed-token';

/** How long a signed lookup link (acknowledgement mail, thank-you page, reply notice) opens the ticket. */
export const LOOKUP_LINK_TTL_SECONDS = 14 * 86_400;

export interface LookupLinkTarget {
  readonly tenantSlug: string;
  readonly number: string;
}

/** The portal address that opens one ticket without a code: `<publicUrl>/t/<tenant>/portal/open?token=…`. */
export function lookupLinkUrl(secret: string, publicUrl: string, target: LookupLinkTarget): string {
  const token = signToken(secret, 'portal-link', { s: target.tenantSlug, n: target.number }, LOOKUP_LINK_TTL_SECONDS);
  return `${publicUrl}/t/${encodeURIComponent(target.tenantSlug)}/portal/open?token=${token}`;
}

/** The ticket a lookup link names; AuthException when forged or expired. */
export function readLookupLink(secret: string, token: string): LookupLinkTarget | undefined {
  const data = verifyToken(secret, 'portal-link', token);
  const s = data['s'];
  const n = data['n'];
  return typeof s === 'string' && typeof n === 'string' && s && n ? { tenantSlug: s, number: n } : undefined;
}

/** Makes a ticket's lookup link, or nothing when no secret is configured (a bare test configuration). */
export type LookupLinker = (tenantSlug: string, number: string) => string | undefined;

export function lookupLinkerFor(secret: string | undefined, publicUrl: string): LookupLinker {
  return (tenantSlug, number) => (secret ? lookupLinkUrl(secret, publicUrl, { tenantSlug, number }) : undefined);
}
