import { signPayload, signedHeaders, verifySignature, SignatureHeaders } from './hmac-signature';

const now = new Date('2026-01-01T00:00:00Z');
const body = JSON.stringify({ text: '你好 👋' });

describe('HMAC-SHA256 signatures over timestamp and body', () => {
  const headers = signedHeaders('s3cret', body, now);
  const check = (overrides: Partial<Parameters<typeof verifySignature>[0]> = {}) =>
    verifySignature({
      secrets: ['s3cret'],
      timestamp: headers[SignatureHeaders.timestamp],
      signature: headers[SignatureHeaders.signature],
      body,
      now,
      ...overrides,
    });

  it('accepts its own signature, with any accepted secret', () => {
    expect(check()).toEqual({ ok: true, secretIndex: 0 });
    expect(check({ secrets: ['new', 's3cret'] })).toEqual({ ok: true, secretIndex: 1 });
  });

  it('refuses another body, another secret, a moved timestamp', () => {
    expect(check({ body: `${body} ` })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ secrets: ['other'] })).toEqual({ ok: false, reason: 'mismatch' });
    const moved = String(Number(headers[SignatureHeaders.timestamp]) + 1);
    expect(check({ timestamp: moved })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses requests outside the five-minute window, either side', () => {
    expect(check({ now: new Date(now.getTime() + 301_000) })).toEqual({ ok: false, reason: 'stale' });
    expect(check({ now: new Date(now.getTime() - 301_000) })).toEqual({ ok: false, reason: 'stale' });
    expect(check({ now: new Date(now.getTime() + 299_000) }).ok).toBe(true);
  });

  it('says what is missing or malformed', () => {
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ timestamp: 'yesterday' })).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ signature: 'sha256=abc' })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('takes several signatures in one header (a sender signing with both secrets of a rotation)', () => {
    const ts = Number(headers[SignatureHeaders.timestamp]);
    const both = `${signPayload('old', ts, body)}, ${signPayload('s3cret', ts, body)}`;
    expect(check({ signature: both }).ok).toBe(true);
  });
});
