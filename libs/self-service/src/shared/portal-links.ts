import { AuthException, lookupLinkUrl, readLookupLink, signToken, verifyToken } from '@switchboard/auth';
import { SelfServiceException, SelfServiceExceptionCode } from './self-service.exception';

export const CSAT_LINK_TTL_SECONDS = 14 * 86_400;
export const SESSION_TTL_SECONDS = 2 * 3_600;

/** Who a portal session belongs to; `verified` when they proved their address with a mailed code. */
export interface PortalSession {
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly customerId: string;
  readonly verified: boolean;
}

export interface LinkTarget {
  readonly tenantSlug: string;
  readonly number: string;
}

const str = (data: Record<string, unknown>, key: string): string => {
  const value = data[key];
  if (typeof value !== 'string' || value === '') throw unauthorized();
  return value;
};

const unauthorized = (): SelfServiceException =>
  new SelfServiceException(
    SelfServiceExceptionCode.PortalUnauthorized,
    'Open your ticket again: the link or session is not valid.',
  );

function verified(secret: string, purpose: Parameters<typeof verifyToken>[1], token: string): Record<string, unknown> {
  try {
    return verifyToken(secret, purpose, token);
  } catch (error) {
    if (error instanceof AuthException) throw unauthorized();
    throw error;
  }
}

/** Signs and checks the customer's links and sessions (HMAC, config.portal.secret or JWT_SECRET). */
export class PortalLinks {
  constructor(
    private readonly secret: string,
    private readonly publicUrl: string,
  ) {}

  lookupLink(target: LinkTarget): string {
    return lookupLinkUrl(this.secret, this.publicUrl, target);
  }

  csatLink(target: LinkTarget & { round: number }): string {
    const data = { s: target.tenantSlug, n: target.number, r: target.round };
    const token = signToken(this.secret, 'csat-link', data, CSAT_LINK_TTL_SECONDS);
    return `${this.publicUrl}/t/${encodeURIComponent(target.tenantSlug)}/portal/rate?token=${token}`;
  }

  readLookupLink(token: string): LinkTarget {
    let target: LinkTarget | undefined;
    try {
      target = readLookupLink(this.secret, token);
    } catch (error) {
      if (error instanceof AuthException) throw unauthorized();
      throw error;
    }
    if (!target) throw unauthorized();
    return target;
  }

  readCsatLink(token: string): LinkTarget & { round: number } {
    const data = verified(this.secret, 'csat-link', token);
    const round = data['r'];
    if (typeof round !== 'number' || !Number.isInteger(round) || round < 1) throw unauthorized();
    return { tenantSlug: str(data, 's'), number: str(data, 'n'), round };
  }

  issueSession(session: PortalSession): string {
    const data = { t: session.tenantId, s: session.tenantSlug, c: session.customerId, v: session.verified ? 1 : 0 };
    return signToken(this.secret, 'portal-session', data, SESSION_TTL_SECONDS);
  }

  readSession(token: string): PortalSession {
    const data = verified(this.secret, 'portal-session', token);
    return {
      tenantId: str(data, 't'),
      tenantSlug: str(data, 's'),
      customerId: str(data, 'c'),
      verified: data['v'] === 1,
    };
  }
}
