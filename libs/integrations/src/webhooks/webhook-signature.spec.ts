import { newWebhookSecret, signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = '{"event":"ticket.resolved"}';

  it('verifies its own signature over the timestamp and the body', () => {
    const header = signWebhook(secret, 1_764_000_000, body);
    expect(header).toMatch(/^t=1764000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, header, body, 1_764_000_010)).toBe(true);
  });

  it('refuses another body, another secret, another timestamp and an old one', () => {
    const header = signWebhook(secret, 1_764_000_000, body);
    expect(verifyWebhookSignature(secret, header, `${body} `, 1_764_000_000)).toBe(false);
    expect(verifyWebhookSignature(newWebhookSecret(), header, body, 1_764_000_000)).toBe(false);
    expect(verifyWebhookSignature(secret, header.replace('t=1764000000', 't=1764000001'), body, 1_764_000_000)).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, header, body, 1_764_000_000 + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, 'garbage', body, 1_764_000_000)).toBe(false);
  });
});
