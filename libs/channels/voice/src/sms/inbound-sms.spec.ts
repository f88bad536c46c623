import { Channel } from '@switchboard/contracts';
import { TEST_ACCOUNT_SID, inboundSmsParams, twilioSid } from '../testing/twilio-fixtures';
import { VoiceChannelException, VoiceChannelExceptionCode } from '../voice-channel.exception';
import { parseInboundSms } from './inbound-sms';
import { classifySmsIntent } from './sms-intent';
import { smsConversationKey, smsToInboundMessage } from './to-inbound-sms';

function problemsOf(run: () => unknown): { code: string; fields: string[] } {
  try {
    run();
  } catch (error) {
    if (error instanceof VoiceChannelException) {
      return { code: error.code, fields: (error.fields ?? []).map((f) => `${f.field}:${f.reason}`) };
    }
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('parseInboundSms', () => {
  it('reads a plain SMS with its geography and ignores parameters it does not know', () => {
    const sms = parseInboundSms({ ...inboundSmsParams(), SomethingNew: 'x' }, TEST_ACCOUNT_SID);
    expect(sms).toMatchObject({
      messageSid: twilioSid('SM', 1),
      from: '+14155552671',
      to: '+14155550100',
      body: 'My order has not arrived',
      media: [],
      numSegments: 1,
      fromGeography: { city: 'SAN FRANCISCO', state: 'CA', zip: '94105', country: 'US' },
    });
  });

  it('collects MediaUrl0..N with their content types up to NumMedia', () => {
    const sms = parseInboundSms(
      inboundSmsParams({
        NumMedia: '2',
        Body: '',
        MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
        MediaContentType0: 'image/jpeg',
        MediaUrl1: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2',
        MediaContentType1: 'Application/PDF; name=x.pdf',
        MediaUrl2: 'https://ignored.example/beyond-NumMedia',
      }),
    );
    expect(sms.media.map((m) => `${m.index} ${m.url.split('/').pop() ?? ''} ${m.contentType}`)).toEqual([
      '0 ME1 image/jpeg',
      '1 ME2 application/pdf',
    ]);
  });

  it('refuses a webhook with per-field reasons', () => {
    expect(problemsOf(() => parseInboundSms(inboundSmsParams({ MessageSid: 'nope', NumMedia: '11' })))).toEqual({
      code: VoiceChannelExceptionCode.InvalidWebhook,
      fields: [
        'MessageSid:invalid_format',
        'SmsSid:invalid_format',
        'SmsMessageSid:invalid_format',
        'NumMedia:too_big',
      ],
    });
    expect(problemsOf(() => parseInboundSms(inboundSmsParams({ NumMedia: '1' }))).fields).toEqual([
      'MediaUrl0:required',
      'MediaContentType0:required',
    ]);
    expect(problemsOf(() => parseInboundSms(inboundSmsParams({ From: '+1 000' }))).fields).toEqual([
      'From:invalid_phone',
    ]);
    expect(problemsOf(() => parseInboundSms(inboundSmsParams(), twilioSid('AC', 9))).fields).toEqual([
      'AccountSid:invalid_value',
    ]);
  });

  it('keeps a short code as our side', () => {
    expect(parseInboundSms(inboundSmsParams({ To: '40404' })).to).toBe('40404');
  });
});

describe('smsToInboundMessage', () => {
  const ctx = { messageId: 'm-1', tenant: 'acme', receivedAt: new Date('2026-03-01T10:00:00Z'), language: 'en' };

  it('normalizes a text into the contract, keyed on the number pair, deduped on MessageSid', () => {
    const sms = parseInboundSms(inboundSmsParams({ Body: 'Where is SB-000123?\nThanks' }));
    const message = smsToInboundMessage(sms, [], [], ctx);
    expect(message).toMatchObject({
      messageId: 'm-1',
      tenant: 'acme',
      channel: Channel.SMS,
      channelMessageId: twilioSid('SM', 1),
      conversationKey: smsConversationKey('+14155552671', '+14155550100'),
      customer: { phone: '+14155552671', verified: ['phone'] },
      subject: 'Where is SB-000123?',
      hints: { ticketNumber: 'SB-000123', language: 'en' },
      metadata: { twilio_to: '+14155550100', from_city: 'SAN FRANCISCO', twilio_num_segments: '1' },
    });
    expect(message.conversationKey).toBe('sms:+14155552671:+14155550100');
  });

  it('carries stored media as attachments and names media it could not keep', () => {
    const sms = parseInboundSms(inboundSmsParams({ Body: '' }));
    const stored = {
      name: 'media-0.jpg',
      contentType: 'image/jpeg',
      sizeBytes: 10,
      sha256: 'ab',
      storageRef: 'file://x',
    };
    const message = smsToInboundMessage(sms, [stored], [{ name: 'media-1', reason: 'media_too_large' }], ctx);
    expect(message.subject).toBe('SMS from +14155552671');
    expect(message.attachments).toEqual([expect.objectContaining({ name: 'media-0.jpg', sizeBytes: 10n })]);
    expect(message.metadata['media_skipped']).toBe('media-1: media_too_large');
  });
});

describe('classifySmsIntent', () => {
  const none = { csatPending: false };

  it('tells keywords, status queries, ratings and messages apart', () => {
    expect(classifySmsIntent('STOP', none)).toEqual({ kind: 'opt_out' });
    expect(classifySmsIntent('SB-000123', none)).toEqual({ kind: 'status_query', ticketNumber: 'SB-000123' });
    expect(classifySmsIntent('status sb-000123', none)).toEqual({ kind: 'status_query', ticketNumber: 'SB-000123' });
    expect(classifySmsIntent('查询 SB-000123', none)).toEqual({ kind: 'status_query', ticketNumber: 'SB-000123' });
    expect(classifySmsIntent('4', { csatPending: true })).toEqual({ kind: 'csat_rating', rating: 4 });
    expect(classifySmsIntent('4', none)).toEqual({ kind: 'message', ticketNumber: undefined });
    expect(classifySmsIntent('6', { csatPending: true })).toEqual({ kind: 'message', ticketNumber: undefined });
    expect(classifySmsIntent('SB-000123 still broken', none)).toEqual({ kind: 'message', ticketNumber: 'SB-000123' });
  });
});
