import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getJson, login } from '../support/http-client';
import { freePort, ServiceProcess } from '../support/service-process';
import { parseRawAnswer, rawExchange } from './raw-http';

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly headers: Headers | undefined;
}

const valid = { name: 'Wang Fang', email: 'corpus@example.com', subject: 'Help', message: 'Please help.' };
/** The types of an answer's error code and message: both 'string' in the error shape. */
function errorShapeOf(body: unknown): { code: string; message: string } {
  const error =
    typeof body === 'object' && body !== null
      ? (body as { error?: { code?: unknown; message?: unknown } }).error
      : undefined;
  return { code: typeof error?.code, message: typeof error?.message };
}
const ERROR_SHAPE = { code: 'string', message: 'string' };

/**
 * The bad-input corpus against `npm start`'s process: hostile bodies, URLs and bytes at the web form
 * and the agent API. Each gets a clear 4xx in the error shape, or is accepted and stored verbatim and
 * shown escaped; the process keeps answering, and every accepted submission is one whole ticket.
 */
describe('bad-input corpus at the HTTP edges', () => {
  let dataDir: string;
  let port: number;
  let base: string;
  let standalone: ServiceProcess;
  let accepted = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-e2e-corpus-'));
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    standalone = new ServiceProcess('standalone', 'apps/standalone/src/main.ts', {
      DATA_DIR: dataDir,
      PORT: String(port),
    });
    await standalone.waitFor(/Switchboard is running/, 90_000);
  }, 120_000);
  afterAll(async () => {
    await standalone?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const send = async (path: string, init: RequestInit): Promise<Answer> => {
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // an HTML page
    }
    if (response.status === 201 || response.status === 202) accepted += 1;
    return { status: response.status, body, text, headers: response.headers };
  };
  const submitJson = (body: string | object, headers: Record<string, string> = {}) =>
    send('/api/v1/tenants/demo/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const submitForm = (fields: Record<string, string>) =>
    send('/api/v1/tenants/demo/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams(fields).toString(),
    });
  const refused = (answer: Answer, status: number, code?: string) => {
    expect({ status: answer.status, shape: errorShapeOf(answer.body) }).toEqual({ status, shape: ERROR_SHAPE });
    if (code) expect((answer.body as { error: { code: string } }).error.code).toBe(code);
  };

  it('refuses prototype-pollution keys and keeps the process clean', async () => {
    refused(await submitJson(`{"name":"a","__proto__":{"polluted":true}}`), 400);
    refused(await submitJson(`{"name":"a","constructor":{"prototype":{"polluted":true}}}`), 400);
    const after = await submitJson({ ...valid, subject: 'After pollution' });
    expect(after.text).not.toContain('polluted');
    expect(after.status).toBe(201);
  });

  it('stores SQL and HTML injection as text, and shows it escaped on the thank-you page', async () => {
    const sql = `Robert'); DROP TABLE tickets; -- \\' OR 1=1`;
    expect((await submitJson({ ...valid, subject: sql, message: sql })).status).toBe(201);
    const page = await submitForm({
      ...valid,
      name: '<script>alert(1)</script>',
      subject: '<img src=x onerror=alert(1)>',
    });
    expect(page.status).toBe(201);
    expect(page.text).not.toMatch(/<script>alert|<img src=x/);
    expect(page.headers?.get('content-security-policy')).toContain("default-src 'none'");
    const token = await login(base, 'admin@demo.switchboard.local');
    const { body } = await getJson<{ tickets: { subject: string }[] }>(`${base}/api/v1/tickets?limit=200`, token);
    expect(body.tickets.map((t) => t.subject)).toEqual(expect.arrayContaining([sql, '<img src=x onerror=alert(1)>']));
  });

  it('answers over-long fields, NUL, deep nesting and oversize bodies with 4xx', async () => {
    const tooLong = await submitJson({ ...valid, subject: 's'.repeat(10_000) });
    refused(tooLong, 400, 'validation_failed');
    refused(await submitJson({ ...valid, name: 'Wang\u0000Fang' }), 400, 'validation_failed');
    refused(await submitJson(`{"customFields":${'['.repeat(20_000)}${']'.repeat(20_000)}}`), 400, 'malformed_body');
    refused(await submitJson({ ...valid, message: 'x'.repeat(3_000_000) }), 413, 'payload_too_large');
  });

  it('refuses XML (with a DTD and an entity bomb), text and unknown media types with 415', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><x>&lol2;</x>`;
    for (const type of ['text/xml', 'application/xml', 'text/plain', 'application/octet-stream'])
      refused(
        await send('/api/v1/tenants/demo/submissions', {
          method: 'POST',
          headers: { 'content-type': type },
          body: bomb,
        }),
        415,
      );
  });

  it('answers bytes that are not valid UTF-8, broken URLs and broken HTTP in the error shape', async () => {
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"name":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('","email":"x@example.com","subject":"s","message":"m"}'),
    ]);
    const utf8 = await send('/api/v1/tenants/demo/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: invalidUtf8,
    });
    // Decoded with replacement characters, like every other invalid byte: accepted whole, or refused.
    expect([201, 400]).toContain(utf8.status);
    refused(await send('/api/v1/tenants/demo/submissions/%E0%A4%A', { method: 'GET' }), 400, 'malformed_url');
    refused(await send(`/api/v1/tickets/${'9'.repeat(5_000)}`, { method: 'GET' }), 414, 'url_too_long');
    const short = parseRawAnswer(
      await rawExchange(
        port,
        `POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n{"email":"a"}`,
      ),
    );
    expect(short.status).toBe(400);
    const hugeHeader = parseRawAnswer(
      await rawExchange(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'x'.repeat(40_000)}\r\n\r\n`),
    );
    expect(hugeHeader.status).toBe(431);
    expect(errorShapeOf(hugeHeader.body)).toEqual(ERROR_SHAPE);
    expect(JSON.stringify(hugeHeader.body)).toContain('headers_too_large');
  });

  it('refuses forged tokens and injection in the login', async () => {
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x","role":"admin"}').toString('base64url')}.`;
    refused(await send('/api/v1/tickets', { headers: { authorization: `Bearer ${unsigned}` } }), 401);
    const login = await send('/api/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'demo', email: "' OR '1'='1", password: "' OR '1'='1" }),
    });
    expect([400, 401]).toContain(login.status);
    expect(errorShapeOf(login.body)).toEqual(ERROR_SHAPE);
  });

  it('keeps answering, and every accepted submission became exactly one ticket', async () => {
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const token = await login(base, 'admin@demo.switchboard.local');
    const { body } = await getJson<{ tickets: unknown[] }>(`${base}/api/v1/tickets?limit=200`, token);
    expect(body.tickets).toHaveLength(accepted);
  });

  it('never writes a secret, a password, a token or a message body to its log', async () => {
    const token = await login(base, 'admin@demo.switchboard.local');
    await getJson(`${base}/api/v1/tickets?limit=1`, token);
    const jwtSecret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
    const log = standalone.log;
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [jwtSecret, token, "' OR '1'='1", 'DROP TABLE tickets', 'Please help.', 'onerror=alert'])
      expect({ secret, inLog: log.includes(secret) }).toEqual({ secret, inLog: false });
  });
});
