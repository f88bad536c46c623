import { XMLParser } from 'fast-xml-parser';
import { waitUntil } from '@switchboard/channel-email/testing';
import {
  InMemoryBlobStore,
  TICKET_STATUS_LOOKUP,
  WebhookPaths,
  loadVoiceChannelConfig,
} from '@switchboard/channel-voice';
import {
  FakeTwilioApi,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  TEST_NUMBER,
  inboundSmsParams,
  twilioSid,
  voiceTestEnv,
} from '@switchboard/channel-voice/testing';
import { loadConfig } from '@switchboard/config';
import { DEMO_PASSWORD, seedDemoTenant } from '@switchboard/demo';
import { InProcessTransport } from '@switchboard/messaging';
import { PhoneStatusQuery } from '@switchboard/self-service';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { twilioCallback, twilioWebhook } from './channels/voice-channel-harness';
import {
  callParams as callFrom,
  messagesWith as messagesIn,
  ticketOfMessage,
  type TicketRow,
} from './channels/voice-ticket-queries';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
const CUSTOMER = '+14155552671';
const CALLER = '+14155559876';

/**
 * SMS and voice end to end in one process (ticket service, routing, agent API and the channel on the
 * in-process bus, Postgres): real signed webhooks, replies through a fake Twilio REST API.
 */
describe('SMS and voice channel (Twilio)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: InProcessTransport;
  let stack: InProcessStack;
  let twilio: FakeTwilioApi;
  let sequence = 0;

  const post = (request: ReturnType<typeof twilioWebhook>) => stack.app.inject(request);
  const nextSid = (prefix: 'SM' | 'CA' | 'RE' | 'TR') => twilioSid(prefix, 0x7000 + ++sequence);
  const sms = (sid: string, body: string, from = CUSTOMER) =>
    post(
      twilioWebhook(
        WebhookPaths.inboundSms,
        inboundSmsParams({ MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, Body: body, From: from }),
      ),
    );
  const callParams = (callSid: string, extra: Record<string, string> = {}) => callFrom(CALLER, callSid, extra);
  const ticketOf = (channel: string, channelMessageId: string) => ticketOfMessage(db, channel, channelMessageId);
  const messagesWith = (channel: string, channelMessageId: string) => messagesIn(db, channel, channelMessageId);
  const routedTicket = (channel: string, channelMessageId: string) =>
    waitUntil(`a routed ticket for ${channelMessageId}`, async () => {
      const t = await ticketOf(channel, channelMessageId);
      return t?.assignee_email ? t : undefined;
    });
  const login = async (email: string): Promise<string> => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { tenant: 'demo', email, password: DEMO_PASSWORD },
    });
    return res.json<{ accessToken: string }>().accessToken;
  };
  const reply = async (ticket: TicketRow, text: string): Promise<string> => {
    const token = await login(ticket.assignee_email ?? '');
    const posted = await stack.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/replies`,
      headers: { authorization: `Bearer ${token}` },
      payload: { bodyText: text },
    });
    expect(posted.statusCode).toBe(201);
    return posted.json<{ reply: { id: string } }>().reply.id;
  };
  const deliveryOf = (messageId: string, status: string) =>
    waitUntil(`reply ${messageId} ${status}`, async () => {
      const [row] = await db.query<{ metadata: Record<string, string> }>(
        `SELECT metadata FROM ticket_messages WHERE id = $1`,
        [messageId],
      );
      return row?.metadata['deliveryStatus'] === status ? row.metadata : undefined;
    });

  beforeAll(async () => {
    testDb = await createTestDatabase('voice_channel_e2e');
    const env = { DATABASE_URL: testDb.url, JWT_SECRET: 'voice-channel-e2e-secret-0123456789abcdef0123' };
    db = await openDatabase(loadConfig(env));
    await seedDemoTenant(db);
    transport = new InProcessTransport();
    twilio = await FakeTwilioApi.start(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
    stack = await startInProcessStack({
      db,
      transport,
      env,
      features: ['tickets', 'routing', 'agent-api'],
      voice: {
        config: loadVoiceChannelConfig(voiceTestEnv(twilio, 'demo')),
        blobs: new InMemoryBlobStore(),
        ticketStatus: { provide: TICKET_STATUS_LOOKUP, useValue: new PhoneStatusQuery(db) },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await stack.close();
    await transport.close();
    await twilio.stop();
    await db.close();
    await testDb.drop();
  }, 60_000);

  it('turns a signed SMS into a routed ticket once, however often Twilio sends it', async () => {
    const sid = nextSid('SM');
    const first = await sms(sid, 'My kettle stopped working 😢');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/xml/);
    expect(parser.parse(first.body)).toEqual({ '?xml': expect.anything() as unknown, Response: '' });
    const ticket = await routedTicket('sms', sid);
    expect((await sms(sid, 'My kettle stopped working 😢')).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await messagesWith('sms', sid)).toHaveLength(1);
    expect((await ticketOf('sms', sid))?.id).toBe(ticket.id);

    // The next text on the same number pair appends to the customer's open ticket.
    const next = nextSid('SM');
    await sms(next, 'It also smells burnt.');
    await waitUntil(
      'the follow-up on the same ticket',
      async () => (await ticketOf('sms', next))?.id === ticket.id || undefined,
    );
  });

  it('tells the agent what an SMS answer costs before sending it', async () => {
    const token = await login('alice@demo.switchboard.local');
    const count = (text: string) =>
      stack.app.inject({
        method: 'POST',
        url: '/api/v1/sms/segments',
        headers: { authorization: `Bearer ${token}` },
        payload: { text },
      });
    expect((await count('x'.repeat(161))).json()).toMatchObject({ count: { encoding: 'GSM-7', segments: 2 } });
    expect((await count('您好'.repeat(36))).json()).toMatchObject({
      count: { encoding: 'UCS-2', segments: 2, units: 72 },
    });
  });

  it('refuses a forged signature with 403 and stores nothing', async () => {
    const sid = nextSid('SM');
    const forged = twilioWebhook(
      WebhookPaths.inboundSms,
      inboundSmsParams({ MessageSid: sid, Body: 'forged' }),
      'a-wrong-auth-token-0000000000000',
    );
    const res = await post(forged);
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('invalid_signature');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await messagesWith('sms', sid)).toHaveLength(0);
  });

  it("sends the agent's reply through Twilio and marks it delivered on Twilio's callback", async () => {
    const sid = nextSid('SM');
    await sms(sid, 'Where is my refund?');
    const ticket = await routedTicket('sms', sid);
    const replyId = await reply(ticket, '退款已处理，三天内到账 💰');
    const sent = await waitUntil('the reply at Twilio', async () =>
      twilio.sentMessages().find((r) => r.form['Body'] === '退款已处理，三天内到账 💰'),
    );
    expect(sent.form).toMatchObject({ To: CUSTOMER, From: TEST_NUMBER });
    await deliveryOf(replyId, 'sent');
    const callbackUrl = sent.form['StatusCallback'] ?? '';
    expect(new URL(callbackUrl).searchParams.get('message')).toBe(replyId);
    const status = (MessageStatus: string) =>
      post(
        twilioCallback(callbackUrl, {
          AccountSid: TEST_ACCOUNT_SID,
          MessageSid: nextSid('SM'),
          MessageStatus,
          To: CUSTOMER,
          From: TEST_NUMBER,
        }),
      );
    expect((await status('delivered')).json()).toEqual({ reports: 1 });
    await deliveryOf(replyId, 'delivered');
    // A late `sent` (callbacks come out of order) changes nothing.
    expect((await status('sent')).json()).toEqual({ reports: 0 });

    // A carrier that could not deliver: FAILED on the ticket with Twilio's error code.
    const lostId = await reply(ticket, 'A second answer');
    const lost = await waitUntil('the second reply at Twilio', async () =>
      twilio.sentMessages().find((r) => r.form['Body'] === 'A second answer'),
    );
    const undelivered = await post(
      twilioCallback(lost.form['StatusCallback'] ?? '', {
        AccountSid: TEST_ACCOUNT_SID,
        MessageSid: nextSid('SM'),
        MessageStatus: 'undelivered',
        ErrorCode: '30003',
        To: CUSTOMER,
        From: TEST_NUMBER,
      }),
    );
    expect(undelivered.json()).toEqual({ reports: 1 });
    expect((await deliveryOf(lostId, 'failed'))['deliveryDetail']).toMatch(/^undelivered: error 30003 \(/);
  });

  it('after STOP creates no ticket and blocks every later reply to that number, with the reason', async () => {
    const from = '+14155550123';
    const sid = nextSid('SM');
    await sms(sid, 'Is my order shipped?', from);
    const ticket = await routedTicket('sms', sid);
    const stopSid = nextSid('SM');
    expect((await sms(stopSid, 'STOP', from)).statusCode).toBe(200);
    expect(await messagesWith('sms', stopSid)).toHaveLength(0);
    const before = twilio.sentMessages().length;
    for (const text of ['It shipped today.', 'Tracking: 1Z999']) {
      const failed = await deliveryOf(await reply(ticket, text), 'failed');
      expect(failed['deliveryDetail']).toMatch(/^recipient_opted_out: recipient opted out by texting "STOP"/);
    }
    expect(twilio.sentMessages().length).toBe(before);

    const help = await sms(nextSid('SM'), 'HELP', from);
    expect((parser.parse(help.body) as { Response: { Message: string } }).Response.Message).toBe(
      'Acme support: reply STOP to opt out.',
    );
    await sms(nextSid('SM'), 'START', from);
    await deliveryOf(await reply(ticket, 'Welcome back.'), 'sent');
    expect(twilio.sentMessages().at(-1)?.form).toMatchObject({ To: from, Body: 'Welcome back.' });
  });

  it('keeps an MMS picture on the ticket, fetched from Twilio with the account credentials', async () => {
    const sid = nextSid('SM');
    const mediaPath = twilio.mediaPath(sid, twilioSid('ME', 0x71));
    const mediaUrl = twilio.addMedia(mediaPath, Buffer.from('\x89PNG-broken-kettle'), 'image/png', { redirect: true });
    const params = inboundSmsParams({
      MessageSid: sid,
      SmsSid: sid,
      SmsMessageSid: sid,
      Body: 'See the photo',
      NumMedia: '1',
    });
    const res = await post(
      twilioWebhook(WebhookPaths.inboundSms, { ...params, MediaUrl0: mediaUrl, MediaContentType0: 'image/png' }),
    );
    expect(res.statusCode).toBe(200);
    await routedTicket('sms', sid);
    const [message] = await messagesWith('sms', sid);
    expect(message?.attachments).toEqual([expect.objectContaining({ contentType: 'image/png' })]);
    const fetched = twilio.requests.filter((r) => r.path === mediaPath);
    expect(fetched.map((r) => [r.origin, Boolean(r.authorization)])).toEqual([
      ['api', true],
      ['cdn', false],
    ]);
  });

  it('files a caller who presses 1 and leaves a voicemail as an after-sales ticket with recording and transcript', async () => {
    const callSid = nextSid('CA');
    const menu = await post(twilioWebhook(WebhookPaths.incomingCall, callParams(callSid)));
    expect(menu.statusCode).toBe(200);
    const gather = (parser.parse(menu.body) as { Response: { Gather: { action: string } } }).Response.Gather;
    const choice = await post(twilioCallback(gather.action, callParams(callSid, { Digits: '1' })));
    const record = (parser.parse(choice.body) as { Response: { Record: Record<string, string> } }).Response.Record;
    expect(record['recordingStatusCallback']).toContain('category=after_sales');

    const recordingSid = nextSid('RE');
    twilio.addMedia(`${twilio.recordingPath(recordingSid)}.mp3`, Buffer.from('ID3-voicemail-audio'), 'audio/mpeg', {
      redirect: true,
    });
    const recorded = await post(
      twilioCallback(record['recordingStatusCallback'] ?? '', {
        AccountSid: TEST_ACCOUNT_SID,
        CallSid: callSid,
        RecordingSid: recordingSid,
        RecordingUrl: `${twilio.baseUrl}${twilio.recordingPath(recordingSid)}`,
        RecordingStatus: 'completed',
        RecordingDuration: '12',
      }),
    );
    expect(recorded.statusCode).toBe(200);
    expect((await post(twilioCallback(record['action'] ?? '', callParams(callSid)))).statusCode).toBe(200);
    const transcriptionSid = nextSid('TR');
    await post(
      twilioCallback(record['transcribeCallback'] ?? '', {
        AccountSid: TEST_ACCOUNT_SID,
        CallSid: callSid,
        TranscriptionSid: transcriptionSid,
        TranscriptionStatus: 'completed',
        TranscriptionText: 'Hi, my washing machine leaks, please call me back.',
        RecordingSid: recordingSid,
      }),
    );
    await post(
      twilioWebhook(WebhookPaths.callStatus, callParams(callSid, { CallStatus: 'completed', CallDuration: '40' })),
    );

    const ticket = await routedTicket('voice', recordingSid);
    expect(ticket.category).toBe('after_sales');
    const [voicemail] = await messagesWith('voice', recordingSid);
    expect(voicemail?.attachments).toEqual([
      expect.objectContaining({ storageRef: expect.stringMatching(/^memory:\/\/sha256\//) as unknown }),
    ]);
    await waitUntil(
      'the transcript on the ticket',
      async () => (await ticketOf('voice', transcriptionSid))?.id === ticket.id || undefined,
    );
    expect((await messagesWith('voice', transcriptionSid))[0]?.body_text).toBe(
      'Hi, my washing machine leaks, please call me back.',
    );
    expect(await messagesWith('voice', `${callSid}:missed`)).toHaveLength(0);
  });

  it('tells a caller with a withheld number why the call cannot be taken, and files nothing', async () => {
    const callSid = nextSid('CA');
    const res = await post(twilioWebhook(WebhookPaths.incomingCall, callParams(callSid, { From: 'anonymous' })));
    expect(res.statusCode).toBe(200);
    const answer = parser.parse(res.body) as { Response: { Say: { '#text': string }[]; Hangup: string } };
    expect(answer.Response.Say[0]?.['#text']).toMatch(/^We cannot take calls from a withheld number/);
    expect(answer.Response).toHaveProperty('Hangup');
    const ended = await post(
      twilioWebhook(WebhookPaths.callStatus, callParams(callSid, { From: 'anonymous', CallStatus: 'completed' })),
    );
    expect(ended.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await messagesWith('voice', `${callSid}:missed`)).toHaveLength(0);
  });

  it("reads a caller their open ticket's status when they press the status key", async () => {
    const sid = nextSid('SM');
    await sms(sid, 'Any news on my order?', '+14155550777');
    const ticket = await routedTicket('sms', sid);
    const callSid = nextSid('CA');
    const menu = await post(twilioWebhook(WebhookPaths.incomingCall, callParams(callSid, { From: '+14155550777' })));
    const gather = (parser.parse(menu.body) as { Response: { Gather: { action: string } } }).Response.Gather;
    const status = await post(
      twilioCallback(gather.action, callParams(callSid, { From: '+14155550777', Digits: '9' })),
    );
    const said = (parser.parse(status.body) as { Response: { Say: { '#text': string } | { '#text': string }[] } })
      .Response.Say;
    expect([said].flat()[0]?.['#text']).toBe(
      `Your ticket ${ticket.number}: Assigned to an agent. An agent will look at it shortly.`,
    );
  });

  it("answers a text asking a ticket's status, only to that ticket's customer, and files no message", async () => {
    const sid = nextSid('SM');
    await sms(sid, 'The screen is cracked', '+14155550888');
    const ticket = await routedTicket('sms', sid);
    const ask = async (from: string) => {
      const askSid = nextSid('SM');
      const res = await sms(askSid, `status ${ticket.number}`, from);
      expect(await messagesWith('sms', askSid)).toHaveLength(0);
      return (parser.parse(res.body) as { Response: { Message: string } }).Response.Message;
    };
    expect(await ask('+14155550888')).toBe(`Ticket ${ticket.number} is assigned to an agent.`);
    expect(await ask('+14155550999')).toBe(`We found no ticket ${ticket.number} of yours.`);
  });

  it('files a caller who hangs up before the voicemail as a missed-call ticket, matched to the customer by phone', async () => {
    const phone = '+14155550444';
    const textSid = nextSid('SM');
    await sms(textSid, 'I will call you about my order', phone);
    await routedTicket('sms', textSid);
    const callSid = nextSid('CA');
    await post(twilioWebhook(WebhookPaths.incomingCall, callParams(callSid, { From: phone })));
    const ended = await post(
      twilioWebhook(
        WebhookPaths.callStatus,
        callParams(callSid, { From: phone, CallStatus: 'completed', CallDuration: '5' }),
      ),
    );
    expect(ended.statusCode).toBe(200);
    await routedTicket('voice', `${callSid}:missed`);
    const [missed] = await messagesWith('voice', `${callSid}:missed`);
    expect(missed?.body_text).toMatch(
      /^Missed call from \+14155550444 .*hung up before leaving a voicemail\. Please call back\.$/,
    );
    const customers = await db.query<{ channel: string; customer_id: string }>(
      `SELECT channel, customer_id FROM ticket_messages WHERE channel_message_id = ANY($1::text[]) ORDER BY channel`,
      [[textSid, `${callSid}:missed`]],
    );
    expect(customers.map((c) => c.channel)).toEqual(['sms', 'voice']);
    expect(new Set(customers.map((c) => c.customer_id)).size).toBe(1);
  });
});
