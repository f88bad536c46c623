import { CONTENT_SECURITY_POLICY } from './form/html.util';
import { WebChannelHarness, submissions, validForm as form } from './testing/web-channel.harness';

describe('web channel at the HTTP edge (helmet, rate limit, OpenAPI)', () => {
  let h: WebChannelHarness;
  beforeAll(async () => {
    h = await WebChannelHarness.start({ submissionsPerMinute: 2, openApi: true });
  });
  afterAll(() => h.stop());

  it("keeps the form's own Content-Security-Policy over helmet's, with helmet's other headers", async () => {
    const page = await h.get('/t/acme');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    const json = await h.get(`${submissions('acme')}/unknown-id`);
    expect(json.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers the third submission in a minute from one address 429 with Retry-After, as JSON or as a page', async () => {
    expect((await h.postJson(form)).statusCode).toBe(201);
    expect((await h.postJson(form)).statusCode).toBe(201);
    const limited = await h.postJson(form);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const page = await h.postForm(form);
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toContain('Too many submissions');
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    expect(h.fake.seen).toHaveLength(2);
  });

  it('documents the JSON routes from the zod schema and leaves the HTML pages out', async () => {
    const doc = (await h.get('/api/v1/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/tenants/{tenant}/submissions',
      '/api/v1/tenants/{tenant}/submissions/{messageId}',
    ]);
    const post = doc.paths['/api/v1/tenants/{tenant}/submissions']?.['post'];
    const content = (post as { requestBody: { content: Record<string, unknown> } }).requestBody.content;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(content['application/json']).toMatchObject({
      schema: { required: ['name', 'email', 'subject', 'message'], properties: { email: { maxLength: 254 } } },
    });
    expect(Object.keys((post as { responses: object }).responses)).toEqual(
      expect.arrayContaining(['200', '201', '202', '400', '404', '413', '415', '422', '429', '503']),
    );
  });
});
