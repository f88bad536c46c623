import { AuthException, AuthExceptionCode } from './auth.exception';
import { signToken, verifyToken, type SignedTokenPurpose } from './signed-token';

const SECRET = 'a-test-secret-of-at-least-32-characters';

function failureOf(purpose: SignedTokenPurpose, token: string, now: Date): AuthExceptionCode | 'verified' {
  try {
    verifyToken(SECRET, purpose, token, now);
    return 'verified';
  } catch (error) {
    if (error instanceof AuthException) return error.code;
    throw error;
  }
}

describe('signed customer tokens', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const token = signToken(SECRET, 'portal-link', { tenant: 'demo', number: 'SB-1' }, 600, now);

  it('verifies its own data', () => {
    expect(verifyToken(SECRET, 'portal-link', token, now)).toMatchObject({ tenant: 'demo', number: 'SB-1' });
  });

  it('refuses another purpose, a forged body, garbage and an expired token', () => {
    const signature = token.split('.')[1] ?? '';
    const body = Buffer.from(JSON.stringify({ tenant: 'demo', number: 'SB-2', exp: 2e9 })).toString('base64url');
    expect(failureOf('csat-link', token, now)).toBe(AuthExceptionCode.InvalidToken);
    expect(failureOf('portal-link', `${body}.${signature}`, now)).toBe(AuthExceptionCode.InvalidToken);
    expect(failureOf('portal-link', 'garbage', now)).toBe(AuthExceptionCode.InvalidToken);
    expect(failureOf('portal-link', token, new Date(now.getTime() + 601_000))).toBe(AuthExceptionCode.TokenExpired);
  });
});
