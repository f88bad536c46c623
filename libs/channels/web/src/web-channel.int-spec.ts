import { Channel, Headers, Topics, dlqTopicOf } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { inboundMessage } from '@switchboard/testing';
import type { IncomingRecord } from '@switchboard/messaging';
import { senderScopedMessageId } from './submit-web-form/submit-web-form.use-case';
import { UUID_V7, WebChannelHarness, submissions, validForm as form } from './testing/web-channel.harness';

const scoped = (clientMessageId: string, email: string = form.email): string =>
  senderScopedMessageId(clientMessageId, email);

describe('web channel (HTTP + in-process bus + fake ticket service)', () => {
  let h: WebChannelHarness;
  beforeEach(async () => {
    h = await WebChannelHarness.start();
  });
  afterEach(() => h.stop());

  const postJson = (...args: Parameters<WebChannelHarness['postJson']>) => h.postJson(...args);
  const postForm = (...args: Parameters<WebChannelHarness['postForm']>) => h.postForm(...args);
  /** Sends a valid submission and waits for it: everything published before it has been consumed by then. */
  const nothingElsePublished = async (): Promise<void> => {
    const res = await postJson({ ...form, clientMessageId: 'sentinel-0001' });
    expect(res.statusCode).toBe(201);
    expect(h.fake.seen.map((s) => s.message.channelMessageId)).toEqual([scoped('sentinel-0001')]);
  };

  it('serves the form for the default tenant and for /t/:tenant, with a fresh clientMessageId each time', async () => {
    const home = await h.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['cache-control']).toBe('no-store');
    expect(home.body).toContain(`action="${submissions('demo')}"`);
    const ids = await Promise.all(
      [1, 2].map(async () => {
        const page = await h.get('/t/acme');
        expect(page.body).toContain(`action="${submissions('acme')}"`);
        return /name="clientMessageId" value="([^"]+)"/.exec(page.body)?.[1];
      }),
    );
    expect(ids[0]).toMatch(UUID_V7);
    expect(ids[0]).not.toBe(ids[1]);
    expect((await h.get('/t/Not_A_Slug')).statusCode).toBe(404);
  });

  it('turns a JSON submission into one InboundMessage and answers 201 with the ticket number', async () => {
    const res = await postJson({
      ...form,
      phone: '+8613800138000',
      category: 'billing',
      region: 'cn',
      language: 'zh-CN',
      clientMessageId: 'client-0001',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ messageId: string }>();
    expect(body).toEqual({
      status: 'created',
      ticketNumber: 'SB-000001',
      ticketId: 'ticket-1',
      messageId: body.messageId,
    });
    const [published] = await h.fake.consumed(1);
    expect(published?.key).toBe(`web:${scoped('client-0001')}`);
    expect(published?.headers[Headers.tenantId]).toBe('acme');
    expect(published?.message).toMatchObject({
      messageId: body.messageId,
      tenant: 'acme',
      channel: Channel.WEB,
      channelMessageId: scoped('client-0001'),
      conversationKey: `web:${scoped('client-0001')}`,
      customer: { email: 'wang.fang@example.com', name: 'Wang Fang', phone: '+8613800138000' },
      subject: 'Invoice missing',
      bodyText: 'I did not get my invoice.',
      hints: { category: 'billing', region: 'cn', language: 'zh-CN' },
      metadata: { user_agent: 'jest/30' },
    });
    expect(body.messageId).toMatch(UUID_V7);
    expect(Math.abs(Number(published?.message.receivedAt?.seconds) * 1000 - Date.now())).toBeLessThan(10_000);
  });

  it('uses the message id as channel message id when the client sends none', async () => {
    const res = await postJson(form);
    const [published] = await h.fake.consumed(1);
    expect(published?.message.channelMessageId).toBe(res.json<{ messageId: string }>().messageId);
  });

  it('answers a form post with a thank-you page carrying the ticket number', async () => {
    const res = await postForm({ ...form, category: 'technical', phone: '', clientMessageId: 'form-0001' });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('your ticket number is SB-000001');
    const [published] = await h.fake.consumed(1);
    expect(published?.message.customer?.phone).toBe('');
    expect(published?.message.hints?.category).toBe('technical');
  });

  it('makes one ticket of a double submit: created, then duplicate with the same number', async () => {
    const first = await postForm({ ...form, clientMessageId: 'double-click-1' });
    const second = await postJson({ ...form, clientMessageId: 'double-click-1' });
    const third = await postJson(form, 'acme', { 'idempotency-key': 'double-click-1' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ status: 'duplicate', ticketNumber: 'SB-000001' });
    expect(third.json()).toMatchObject({ status: 'duplicate', ticketNumber: 'SB-000001' });
  });

  it('scopes a client-chosen key to its sender: another customer reusing it gets a ticket of their own', async () => {
    const first = await postJson(form, 'acme', { 'idempotency-key': 'shared-key-1' });
    const other = await postJson({ ...form, email: 'li.lei@example.com' }, 'acme', {
      'idempotency-key': 'shared-key-1',
    });
    const again = await postJson({ ...form, clientMessageId: 'shared-key-1' });
    expect(first.json()).toMatchObject({ status: 'created', ticketNumber: 'SB-000001' });
    expect(other.json()).toMatchObject({ status: 'created', ticketNumber: 'SB-000002' });
    expect(JSON.stringify(other.json())).not.toContain(first.json<{ ticketId: string }>().ticketId);
    expect(again.json()).toMatchObject({ status: 'duplicate', ticketNumber: 'SB-000001' });
  });

  it('rejects invalid input with every bad field listed, and publishes nothing', async () => {
    const res = await postJson({
      name: '',
      email: 'nope',
      phone: '12345',
      subject: 's'.repeat(301),
      category: 'Bad Category',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{ error: { code: string; fields: { field: string; reason: string }[] } }>();
    expect(error.code).toBe('validation_failed');
    expect(error.fields.map((f) => [f.field, f.reason])).toEqual([
      ['name', 'required'],
      ['email', 'invalid_email'],
      ['phone', 'invalid_format'],
      ['category', 'invalid_format'],
      ['subject', 'too_long'],
      ['message', 'required'],
    ]);
    await nothingElsePublished();
  });

  it('re-renders the form with the errors and the input kept for a bad form post', async () => {
    const res = await postForm({ ...form, email: 'not-an-email', clientMessageId: 'keep-me-0001' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-email-error"');
    expect(res.body).toContain('value="not-an-email"');
    expect(res.body).toContain('value="Wang Fang"');
    expect(res.body).toContain('name="clientMessageId" value="keep-me-0001"');
    await nothingElsePublished();
  });

  it('refuses an oversized body with 413 and a non-form, non-JSON body with 415, publishing nothing', async () => {
    const big = await postJson({ ...form, message: 'x'.repeat(300 * 1024) });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const text = await h.app.inject({
      method: 'POST',
      url: submissions('acme'),
      payload: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    await nothingElsePublished();
  });

  it('answers 404 unknown_tenant for a malformed slug (without publishing) and for a tenant the ticket service rejects', async () => {
    const malformed = await postJson(form, 'Not_A_Slug');
    expect(malformed.statusCode).toBe(404);
    expect(malformed.json()).toMatchObject({ error: { code: 'unknown_tenant' } });
    await nothingElsePublished();
    const unknown = await postJson(form, 'nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'unknown_tenant' } });
    const suspended = await postJson(form, 'frozen');
    expect(suspended.statusCode).toBe(422);
    expect(suspended.json()).toMatchObject({
      error: { code: 'tenant_suspended', message: 'refused: tenant_suspended' },
    });
  });

  it('reports what this instance saw on the status route', async () => {
    const created = await postJson(form);
    const { messageId } = created.json<{ messageId: string }>();
    const status = await h.get(`${submissions('acme')}/${messageId}`);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual(created.json());
    const otherTenant = await h.get(`${submissions('other')}/${messageId}`);
    expect(otherTenant.json()).toMatchObject({ error: { code: 'unknown_submission' } });
  });

  it("answers a submission this instance never saw from the ticket service's stored receipts (#11 defect 7)", async () => {
    const elsewhere = h.fake.receiptFor(
      inboundMessage({ tenant: 'acme', channelMessageId: 'seen-by-another-instance' }),
    );
    h.fake.stored.set(elsewhere.messageId, elsewhere);
    const status = await h.get(`${submissions('acme')}/${elsewhere.messageId}`);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({
      status: 'created',
      messageId: elsewhere.messageId,
      ticketNumber: elsewhere.ticketNumber,
    });
    const refused = h.fake.receiptFor(inboundMessage({ tenant: 'frozen' }));
    h.fake.stored.set(refused.messageId, refused);
    const refusal = await h.get(`${submissions('frozen')}/${refused.messageId}`);
    expect(refusal.json()).toMatchObject({ messageId: refused.messageId, reason: 'tenant_suspended' });
    const never = await h.get(`${submissions('acme')}/${newId()}`);
    expect(never.statusCode).toBe(404);
    expect(never.json()).toMatchObject({ error: { code: 'unknown_submission' } });
  });

  it('serves no form for a tenant that does not exist (#11 defect 7)', async () => {
    const missing = await h.get('/t/no-such-desk');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(missing.body).toContain('no-such-desk');
    expect((await h.get('/t/acme')).statusCode).toBe(200);
  });

  it('dead-letters a receipt it cannot decode and keeps serving', async () => {
    const dlq: IncomingRecord[] = [];
    await h.transport.subscribe({
      topic: dlqTopicOf(Topics.inboundReceipts),
      groupId: 'ops',
      handler: async (r) => void dlq.push(...r),
    });
    await h.transport.publish(Topics.inboundReceipts, [{ key: 'garbage', value: new Uint8Array([0xff, 0xff, 0xff]) }]);
    expect((await postJson(form)).statusCode).toBe(201);
    while (dlq.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(dlq[0]?.key).toBe('garbage');
  });
});
