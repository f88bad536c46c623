import { XMLParser } from 'fast-xml-parser';
import { Channel } from '@switchboard/contracts';
import { InMemoryBlobStore } from '../media/blob-store';
import { TwilioMediaFetcher } from '../media/twilio-media-fetcher';
import { verifyTwilioRequest } from '../signature/twilio-signature';
import {
  FakeTwilioApi,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  signedFormWebhook,
  testIvrSettings,
  twilioSid,
} from '../testing';
import { WebhookPaths } from '../webhook-paths';
import { answerIncomingCall, answerMenuChoice, type TicketStatusLookup } from './answer-call';
import { InMemoryCallStateStore } from './call-state.store';
import {
  parseCallStatus,
  parseGatherResult,
  parseIncomingCall,
  parseRecordingStatus,
  parseTranscription,
  parseVoicemailCallbackQuery,
} from './call-webhooks';
import { messageOfCallStatus, messageOfRecording, messageOfTranscription } from './voice-callbacks';

const publicBaseUrl = 'https://support.example.com';
const caller = '+14155552671';
const ours = '+14155550100';
const ivr = testIvrSettings();
const links = { publicBaseUrl, tenant: 'acme' };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
const stamp = (n: number) => ({ messageId: `m-${n}`, receivedAt: new Date('2026-06-01T09:00:00Z') });

let api: FakeTwilioApi;
let fetcher: TwilioMediaFetcher;
let blobs: InMemoryBlobStore;
let calls: InMemoryCallStateStore;
const statuses: TicketStatusLookup = { spokenStatus: () => Promise.resolve('Your ticket SB-000123 is in progress.') };

/** A webhook as Twilio would send it to a URL (absolute, as written into TwiML), verified like the edge does. */
function deliver(url: string, params: Record<string, string>) {
  const path = url.slice(publicBaseUrl.length);
  const request = signedFormWebhook(TEST_AUTH_TOKEN, publicBaseUrl, path, params);
  return {
    params: verifyTwilioRequest(request, publicBaseUrl, { authToken: TEST_AUTH_TOKEN }),
    query: new URL(url).searchParams,
  };
}

const callParams = (callSid: string, extra: Record<string, string> = {}) => ({
  CallSid: callSid,
  AccountSid: TEST_ACCOUNT_SID,
  From: caller,
  To: ours,
  Direction: 'inbound',
  ApiVersion: '2010-04-01',
  ...extra,
});

beforeEach(async () => {
  api = await FakeTwilioApi.start(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
  blobs = new InMemoryBlobStore();
  fetcher = new TwilioMediaFetcher(
    api.baseUrl,
    { accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN },
    { maxBytes: 1 << 20, allowedTypes: ['audio/*'] },
    blobs,
  );
  calls = new InMemoryCallStateStore();
});

afterEach(async () => {
  await api.stop();
});

describe('a call that presses 1 and leaves a voicemail', () => {
  it('yields an after-sales voicemail with the recording, then its transcript, and no missed call', async () => {
    const callSid = twilioSid('CA', 1);
    const incoming = deliver(`${publicBaseUrl}${WebhookPaths.incomingCall}`, callParams(callSid));
    const menuXml = await answerIncomingCall(ivr, links, parseIncomingCall(incoming.params), { calls, statuses });
    const menuAction = String(
      (parser.parse(menuXml) as { Response: { Gather: { action: string } } }).Response.Gather.action,
    );

    const pressed = deliver(menuAction, callParams(callSid, { Digits: '1', FinishedOnKey: '' }));
    const recordXml = await answerMenuChoice(
      ivr,
      links,
      parseGatherResult(pressed.params),
      Number(pressed.query.get('attempt')),
      { calls, statuses },
    );
    const record = (parser.parse(recordXml) as { Response: { Record: Record<string, string> } }).Response.Record;

    const recordingSid = twilioSid('RE', 1);
    const audio = Buffer.from('ID3-fake-mp3-audio');
    const recordingUrl = `${api.baseUrl}${api.recordingPath(recordingSid)}`;
    api.addMedia(`${api.recordingPath(recordingSid)}.mp3`, audio, 'audio/mpeg', { redirect: true });
    const recorded = deliver(String(record['recordingStatusCallback']), {
      AccountSid: TEST_ACCOUNT_SID,
      CallSid: callSid,
      RecordingSid: recordingSid,
      RecordingUrl: recordingUrl,
      RecordingStatus: 'completed',
      RecordingDuration: '14',
      RecordingChannels: '1',
      RecordingSource: 'RecordVerb',
    });
    const callback = parseVoicemailCallbackQuery(recorded.query);
    const voicemail = await messageOfRecording(parseRecordingStatus(recorded.params), callback, fetcher, stamp(1));
    expect(voicemail).toMatchObject({
      tenant: 'acme',
      channel: Channel.VOICE,
      channelMessageId: recordingSid,
      conversationKey: `voice:${caller}:${ours}`,
      customer: { phone: caller, verified: ['phone'] },
      hints: { category: 'after_sales', language: 'en-US' },
      bodyText: `Voicemail (14 s) from ${caller}.`,
      attachments: [
        expect.objectContaining({ name: 'voicemail.mp3', contentType: 'audio/mpeg', sizeBytes: BigInt(audio.length) }),
      ],
    });
    expect(blobs.blobs.size).toBe(1);

    const transcribed = deliver(String(record['transcribeCallback']), {
      ...callParams(callSid),
      TranscriptionSid: twilioSid('TR', 1),
      TranscriptionText: 'My washing machine stopped working.',
      TranscriptionStatus: 'completed',
      TranscriptionUrl: `${api.baseUrl}/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Transcriptions/${twilioSid('TR', 1)}`,
      TranscriptionType: 'fast',
      RecordingSid: recordingSid,
      RecordingUrl: recordingUrl,
      url: String(record['transcribeCallback']),
    });
    const transcript = messageOfTranscription(
      parseTranscription(transcribed.params),
      parseVoicemailCallbackQuery(transcribed.query),
      stamp(2),
    );
    expect(transcript).toMatchObject({
      channelMessageId: twilioSid('TR', 1),
      conversationKey: voicemail?.conversationKey,
      bodyText: 'My washing machine stopped working.',
      hints: { category: 'after_sales' },
    });

    const ended = deliver(
      `${publicBaseUrl}${WebhookPaths.callStatus}`,
      callParams(callSid, { CallStatus: 'completed', CallDuration: '40' }),
    );
    const update = parseCallStatus(ended.params);
    expect(messageOfCallStatus(update, 'acme', await calls.find(callSid), stamp(3))).toBeNull();
  });
});

describe('missed calls', () => {
  it('a caller who hangs up in the menu leaves a missed-call ticket', async () => {
    const callSid = twilioSid('CA', 2);
    await answerIncomingCall(ivr, links, parseIncomingCall(callParams(callSid)), { calls, statuses });
    const ended = parseCallStatus(callParams(callSid, { CallStatus: 'completed' }));
    expect(messageOfCallStatus(ended, 'acme', await calls.find(callSid), stamp(1))).toMatchObject({
      channelMessageId: `${callSid}:missed`,
      subject: `Missed call: call back ${caller}`,
      metadata: { missed_call_reason: 'hung_up_before_voicemail' },
    });
  });

  it.each(['no-answer', 'busy', 'canceled', 'failed'])('a %s call is a missed call', (status) => {
    const update = parseCallStatus(callParams(twilioSid('CA', 3), { CallStatus: status }));
    expect(messageOfCallStatus(update, 'acme', undefined, stamp(1))?.bodyText).toContain('Please call back.');
  });

  it('a silent voicemail is a missed call with the chosen category', async () => {
    const query = new URLSearchParams({ tenant: 'acme', caller, called: ours, category: 'billing', language: 'en-US' });
    const update = parseRecordingStatus({
      AccountSid: TEST_ACCOUNT_SID,
      CallSid: twilioSid('CA', 4),
      RecordingStatus: 'absent',
    });
    expect(await messageOfRecording(update, parseVoicemailCallbackQuery(query), fetcher, stamp(1))).toMatchObject({
      hints: { category: 'billing' },
      metadata: { missed_call_reason: 'silent_voicemail' },
    });
  });

  it('keeps a voicemail whose audio is refused, naming why', async () => {
    const recordingSid = twilioSid('RE', 5);
    api.addMedia(`${api.recordingPath(recordingSid)}.mp3`, Buffer.alloc(2 << 20), 'audio/mpeg');
    const query = new URLSearchParams({ tenant: 'acme', caller, called: ours });
    const update = parseRecordingStatus({
      AccountSid: TEST_ACCOUNT_SID,
      CallSid: twilioSid('CA', 5),
      RecordingSid: recordingSid,
      RecordingUrl: `${api.baseUrl}${api.recordingPath(recordingSid)}`,
      RecordingStatus: 'completed',
      RecordingDuration: '600',
    });
    const message = await messageOfRecording(update, parseVoicemailCallbackQuery(query), fetcher, stamp(1));
    expect(message?.attachments).toEqual([]);
    expect(message?.metadata['media_skipped']).toMatch(/^voicemail: media_too_large/);
  });
});

describe('the status key', () => {
  it('reads the open ticket status and offers the menu again', async () => {
    const gather = parseGatherResult(callParams(twilioSid('CA', 6), { Digits: '9' }));
    const xml = await answerMenuChoice(ivr, links, gather, 1, { calls, statuses });
    expect(xml).toContain('Your ticket SB-000123 is in progress.');
    expect(xml).toContain('<Gather');
  });

  it('goes to voicemail without a category once the menu attempts run out', async () => {
    const callSid = twilioSid('CA', 7);
    const again = await answerMenuChoice(ivr, links, parseGatherResult(callParams(callSid, { Digits: '7' })), 1, {
      calls,
      statuses,
    });
    expect(again).toContain('Sorry, that is not an option.');
    const voicemail = await answerMenuChoice(ivr, links, parseGatherResult(callParams(callSid, { Digits: '7' })), 2, {
      calls,
      statuses,
    });
    expect(voicemail).toContain('<Record');
    expect(await calls.find(callSid)).toMatchObject({ voicemailOffered: true, category: undefined });
  });
});
