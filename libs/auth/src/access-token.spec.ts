import { SignJWT } from 'jose';
import { AuthException, AuthExceptionCode } from './auth.exception';
import { issueAccessToken, verifyAccessToken, type AccessTokenClaims } from './access-token';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const claims: AccessTokenClaims = {
  agentId: '0190f5d2-0000-7000-8000-0000000000a1',
  tenantId: '0190f5d2-0000-7000-8000-000000000001',
  role: 'manager',
};

async function failureCode(promise: Promise<unknown>): Promise<AuthExceptionCode | undefined> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return error instanceof AuthException ? error.code : undefined;
}

describe('access tokens', () => {
  it('round-trips the claims', async () => {
    const token = await issueAccessToken(secret, claims);
    await expect(verifyAccessToken(secret, token)).resolves.toEqual(claims);
  });

  it('reports an expired token as token_expired', async () => {
    const thirteenHoursAgo = new Date(Date.now() - 13 * 3_600_000);
    const token = await issueAccessToken(secret, claims, 43_200, thirteenHoursAgo);
    expect(await failureCode(verifyAccessToken(secret, token))).toBe(AuthExceptionCode.TokenExpired);
  });

  it('reports a token signed with another secret as invalid_token', async () => {
    const token = await issueAccessToken(`${secret}-other`, claims);
    expect(await failureCode(verifyAccessToken(secret, token))).toBe(AuthExceptionCode.InvalidToken);
  });

  it('reports a tampered token as invalid_token', async () => {
    const [header, , signature] = (await issueAccessToken(secret, claims)).split('.');
    const payload = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(await failureCode(verifyAccessToken(secret, `${header}.${payload}.${signature}`))).toBe(
      AuthExceptionCode.InvalidToken,
    );
  });

  it('reports garbage as invalid_token', async () => {
    expect(await failureCode(verifyAccessToken(secret, 'not-a-jwt'))).toBe(AuthExceptionCode.InvalidToken);
  });

  it('refuses a validly signed token from another issuer or without our claims', async () => {
    const key = new TextEncoder().encode(secret);
    const foreign = await new SignJWT({ tid: claims.tenantId, role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('someone-else')
      .setSubject(claims.agentId)
      .setExpirationTime('1h')
      .sign(key);
    const roleless = await new SignJWT({ tid: claims.tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('switchboard')
      .setSubject(claims.agentId)
      .setExpirationTime('1h')
      .sign(key);
    expect(await failureCode(verifyAccessToken(secret, foreign))).toBe(AuthExceptionCode.InvalidToken);
    expect(await failureCode(verifyAccessToken(secret, roleless))).toBe(AuthExceptionCode.InvalidToken);
  });

  it('refuses a short secret and a non-positive ttl', async () => {
    await expect(issueAccessToken('short', claims)).rejects.toThrow(RangeError);
    await expect(issueAccessToken(secret, claims, 0)).rejects.toThrow(RangeError);
  });
});
