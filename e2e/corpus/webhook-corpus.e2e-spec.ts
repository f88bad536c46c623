import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebhookPaths } from '@switchboard/channel-voice';
import {
  inboundSmsParams,
  signedFormWebhook,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  TEST_NUMBER,
  TEST_PUBLIC_BASE_URL,
  twilioSid,
} from '@switchboard/channel-voice/testing';
import { oaTextXml, signedOaRequest, TEST_OA, type WechatCallbackRequest } from '@switchboard/channel-wechat/testing';
import { getJson, login } from '../support/http-client';
import { freePort, ServiceProcess } from '../support/service-process';

const ERROR_SHAPE = { code: 'string', message: 'string' };
function errorShapeOf(text: string): { code: string; message: string } {
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    return { code: typeof error?.code, message: typeof error?.message };
  } catch {
    return { code: 'undefined', message: 'undefined' };
  }
}

/**
 * Forged, replayed and hostile webhook requests against `npm start`'s process with a WeChat Official
 * Account (safe mode) and a Twilio number configured: each gets a 4xx in the error shape and stores
 * nothing; a provider's retry of a real request is stored once; the secrets never reach the log.
 */
describe('bad-input corpus at the provider webhooks (WeChat, Twilio)', () => {
  let dataDir: string;
  let base: string;
  let standalone: ServiceProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-e2e-webhook-corpus-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    standalone = new ServiceProcess('standalone', 'apps/standalone/src/main.ts', {
      DATA_DIR: dataDir,
      PORT: String(port),
      WECHAT_ACCOUNTS: JSON.stringify([
        {
          kind: 'oa',
          id: TEST_OA.id,
          tenant: 'demo',
          appId: TEST_OA.appId,
          appSecret: TEST_OA.secret,
          token: TEST_OA.token,
          encodingAesKey: TEST_OA.encodingAesKey,
          originalId: TEST_OA.originalId,
        },
      ]),
      VOICE_TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      VOICE_TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      VOICE_PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
      VOICE_NUMBERS_JSON: JSON.stringify({ numbers: [{ tenant: 'demo', number: TEST_NUMBER, helpText: 'Help.' }] }),
    });
    await standalone.waitFor(/Switchboard is running/, 90_000);
  }, 120_000);
  afterAll(async () => {
    await standalone?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const wechat = async (request: WechatCallbackRequest) => {
    const response = await fetch(`${base}${request.url}`, {
      method: 'POST',
      headers: request.headers,
      body: request.payload,
    });
    return { status: response.status, text: await response.text() };
  };
  const twilio = async (params: Record<string, string>, signature?: string) => {
    const signed = signedFormWebhook(TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL, WebhookPaths.inboundSms, params);
    const response = await fetch(`${base}${WebhookPaths.inboundSms}`, {
      method: 'POST',
      headers: { 'content-type': signed.contentType, 'x-twilio-signature': signature ?? signed.signature },
      body: signed.rawBody,
    });
    return { status: response.status, text: await response.text() };
  };
  const ticketsWith = async (text: string): Promise<number> => {
    const token = await login(base, 'admin@demo.switchboard.local');
    const { body } = await getJson<{ tickets: { subject: string }[] }>(`${base}/api/v1/tickets?limit=100`, token);
    const tickets = body.tickets;
    return tickets.filter((t) => t.subject.includes(text)).length;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

  it('refuses a forged, a replayed and a tampered WeChat callback with 401 and stores nothing', async () => {
    const fields = oaTextXml(TEST_OA, 'oCorpusForged', 'forged-wechat-text', 'corpus-1');
    const forged = signedOaRequest({ ...TEST_OA, token: 'not-the-token' }, fields);
    const stale = signedOaRequest(TEST_OA, fields, { at: new Date(Date.now() - 10 * 60_000) });
    const valid = signedOaRequest(TEST_OA, fields);
    const tampered = { ...valid, payload: valid.payload.replace(/<Encrypt><!\[CDATA\[./, '<Encrypt><![CDATA[A') };
    for (const request of [forged, stale, tampered]) {
      const answer = await wechat(request);
      expect({ status: answer.status, shape: errorShapeOf(answer.text) }).toEqual({ status: 401, shape: ERROR_SHAPE });
    }
    await settle();
    expect(await ticketsWith('forged-wechat-text')).toBe(0);
  });

  it('refuses XML with a DTD or an entity bomb, and a body that is not XML, with 4xx', async () => {
    const valid = signedOaRequest(TEST_OA, oaTextXml(TEST_OA, 'oCorpusXml', 'xml', 'corpus-2'));
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><xml><Encrypt>&c;</Encrypt></xml>';
    const external =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>';
    for (const payload of [bomb, external, '{"not":"xml"}', '<xml><Encrypt>']) {
      const answer = await wechat({ ...valid, payload });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(errorShapeOf(answer.text)).toEqual(ERROR_SHAPE);
    }
    const json = await wechat({ ...valid, headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
  });

  it('stores a WeChat message its platform retries (same MsgId) once', async () => {
    const fields = oaTextXml(TEST_OA, 'oCorpusRetry', 'retried-wechat-text', 'corpus-retry-1');
    for (let i = 0; i < 3; i++) expect((await wechat(signedOaRequest(TEST_OA, fields))).status).toBe(200);
    await settle();
    expect(await ticketsWith('retried-wechat-text')).toBe(1);
  });

  it('refuses a forged or tampered Twilio webhook with 403, and stores a retried SMS once', async () => {
    const params = inboundSmsParams({ To: TEST_NUMBER, Body: 'forged-twilio-text', MessageSid: twilioSid('SM', 0xf0) });
    const forged = await twilio(params, 'bm90LXRoZS1zaWduYXR1cmU=');
    const signedOther = signedFormWebhook(TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL, WebhookPaths.inboundSms, {
      ...params,
      Body: 'something else',
    }).signature;
    const tampered = await twilio(params, signedOther);
    for (const answer of [forged, tampered])
      expect({ status: answer.status, shape: errorShapeOf(answer.text) }).toEqual({ status: 403, shape: ERROR_SHAPE });

    const real = inboundSmsParams({ To: TEST_NUMBER, Body: 'retried-twilio-text', MessageSid: twilioSid('SM', 0xf1) });
    for (let i = 0; i < 3; i++) expect((await twilio(real)).status).toBe(200);
    await settle();
    expect(await ticketsWith('forged-twilio-text')).toBe(0);
    expect(await ticketsWith('retried-twilio-text')).toBe(1);
  });

  it('keeps answering, and never writes a provider secret to its log', async () => {
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const log = standalone.log;
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [TEST_OA.secret, TEST_OA.encodingAesKey, TEST_OA.token, TEST_AUTH_TOKEN])
      expect({ secret, inLog: log.includes(secret) }).toEqual({ secret, inLog: false });
  });
});
