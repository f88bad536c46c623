import { createHash, createHmac } from 'node:crypto';
import { signedFormWebhook, signedJsonWebhook } from '../testing/sign-twilio-request';
import { VoiceChannelExceptionCode } from '../voice-channel.exception';
import { formParamsOf, publicUrlOf, verifyTwilioRequest } from './twilio-signature';

const authToken = '12345678901234567890123456789012';
const base = 'https://support.example.com';
const secrets = { authToken };
const params = { MessageSid: 'SM1', From: '+14155552671', To: '+14155550100', Body: 'Hello & 你好' };

/** Twilio's algorithm written out by hand, so the test does not only trust the SDK against itself. */
function handSignature(url: string, form: Record<string, string>): string {
  const data = Object.keys(form)
    .sort()
    .reduce((acc, key) => acc + key + form[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

function rejectionOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('verifyTwilioRequest', () => {
  it('accepts a form webhook signed over the public URL and sorted parameters', () => {
    const request = signedFormWebhook(authToken, base, '/webhooks/twilio/sms?tenant=acme', params);
    expect(request.signature).toBe(handSignature(`${base}/webhooks/twilio/sms?tenant=acme`, params));
    expect(verifyTwilioRequest(request, base, secrets)).toEqual(params);
  });

  it('checks against the configured public URL, not the host the request reached', () => {
    const request = signedFormWebhook(authToken, 'http://10.0.0.7:3000', '/webhooks/twilio/sms', params);
    expect(rejectionOf(() => verifyTwilioRequest(request, base, secrets))).toBe(
      VoiceChannelExceptionCode.InvalidSignature,
    );
  });

  it('rejects a missing signature, a changed parameter and another auth token', () => {
    const good = signedFormWebhook(authToken, base, '/sms', params);
    const tampered = { ...good, rawBody: new URLSearchParams({ ...params, Body: 'STOP' }).toString() };
    const otherToken = signedFormWebhook('x'.repeat(32), base, '/sms', params);
    for (const request of [{ ...good, signature: undefined }, { ...good, signature: '' }, tampered, otherToken]) {
      expect(rejectionOf(() => verifyTwilioRequest(request, base, secrets))).toBe(
        VoiceChannelExceptionCode.InvalidSignature,
      );
    }
  });

  it('accepts a JSON webhook whose bodySHA256 matches and rejects an altered body', () => {
    const request = signedJsonWebhook(authToken, base, '/webhooks/twilio/events', { type: 'x', n: 1 });
    const hash = createHash('sha256').update(request.rawBody).digest('hex');
    expect(request.pathAndQuery).toContain(`bodySHA256=${hash}`);
    expect(verifyTwilioRequest(request, base, secrets)).toEqual({});
    const altered = { ...request, rawBody: JSON.stringify({ type: 'x', n: 2 }) };
    expect(rejectionOf(() => verifyTwilioRequest(altered, base, secrets))).toBe(
      VoiceChannelExceptionCode.InvalidSignature,
    );
  });

  it('reads the parameters of a GET webhook from its signed query string', () => {
    const query = `?${new URLSearchParams(params).toString()}`;
    const request = { ...signedFormWebhook(authToken, base, `/sms${query}`, {}), method: 'GET' as const, rawBody: '' };
    expect(verifyTwilioRequest(request, base, secrets)).toEqual(params);
    const tampered = { ...request, pathAndQuery: request.pathAndQuery.replace('SM1', 'SM2') };
    expect(rejectionOf(() => verifyTwilioRequest(tampered, base, secrets))).toBe(
      VoiceChannelExceptionCode.InvalidSignature,
    );
  });

  it('rejects a JSON webhook without a body hash in its URL', () => {
    const request = signedJsonWebhook(authToken, base, '/events', { a: 1 });
    const url = `${base}/events`;
    const unhashed = { ...request, pathAndQuery: '/events', signature: handSignature(url, {}) };
    expect(rejectionOf(() => verifyTwilioRequest(unhashed, base, secrets))).toBe(
      VoiceChannelExceptionCode.InvalidSignature,
    );
  });
});

describe('publicUrlOf and formParamsOf', () => {
  it('joins a base with a prefix and keeps the query', () => {
    expect(publicUrlOf('https://x.example/sb/', '/sms?a=1')).toBe('https://x.example/sb/sms?a=1');
  });

  it('decodes form bodies, plus signs and UTF-8 included', () => {
    expect(formParamsOf('Body=Hi+there%21+%E4%BD%A0&NumMedia=0')).toEqual({ Body: 'Hi there! 你', NumMedia: '0' });
  });
});
