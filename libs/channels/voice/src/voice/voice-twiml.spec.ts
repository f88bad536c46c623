import { XMLParser } from 'fast-xml-parser';
import { testIvrSettings } from '../testing/ivr-fixtures';
import { ivrSettingsSchema, resolveMenuChoice } from './ivr-menu';
import {
  incomingCallTwiml,
  repeatMenuTwiml,
  ticketStatusTwiml,
  voicemailDoneTwiml,
  voicemailTwiml,
} from './voice-twiml';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'Say' });
type Node = Record<string, unknown>;
const parse = (xml: string): Node => (parser.parse(xml) as { Response: Node }).Response;
const says = (node: unknown): string[] => ((node as { Say?: Node[] }).Say ?? []).map((s) => String(s['#text']));

const links = { publicBaseUrl: 'https://support.example.com', tenant: 'acme' };
const ivr = testIvrSettings();

describe('incomingCallTwiml', () => {
  it('answers the greeting and the menu inside one Gather for digits or speech', () => {
    const response = parse(incomingCallTwiml(ivr, links));
    const gather = response['Gather'] as Node;
    expect(gather).toMatchObject({
      input: 'dtmf speech',
      numDigits: '1',
      language: 'en-US',
      method: 'POST',
      actionOnEmptyResult: 'true',
      action: 'https://support.example.com/webhooks/twilio/voice/menu?tenant=acme&attempt=1',
    });
    expect(String(gather['hints'])).toContain('售后');
    expect(says(gather)).toEqual([
      'Welcome to Acme support.',
      'For after-sales service, press 1. For billing, press 2. For anything else, press 3. To hear the status of your open ticket, press 9.',
      '欢迎致电Acme客服。',
      '售后服务请按1。账单问题请按2。其他问题请按3。查询您的工单进度，请按9。',
    ]);
    const languages = ((gather['Say'] as Node[]) ?? []).map((s) => s['language']);
    expect(languages).toEqual(['en-US', 'en-US', 'zh-CN', 'zh-CN']);
  });

  it('recognizes Mandarin speech as cmn-Hans-CN when Chinese comes first', () => {
    const chinese = testIvrSettings({ languages: ['zh-CN'] });
    expect((parse(incomingCallTwiml(chinese, links))['Gather'] as Node)['language']).toBe('cmn-Hans-CN');
  });

  it('repeats the menu without the greeting after an apology', () => {
    const response = parse(repeatMenuTwiml(ivr, links, 2));
    expect(says(response)).toEqual(['Sorry, that is not an option.']);
    expect(says(response['Gather'])[0]).toContain('press 1');
    expect((response['Gather'] as Node)['action']).toContain('attempt=2');
  });

  it('reads a ticket status and offers the menu again', () => {
    const response = parse(ticketStatusTwiml(ivr, links, 'Your ticket SB-000123 is in progress.', 2));
    expect(says(response)).toEqual(['Your ticket SB-000123 is in progress.']);
    expect(response['Gather']).toBeDefined();
  });
});

describe('voicemailTwiml', () => {
  const parties = { caller: '+14155552671', called: '+14155550100' };

  it('records with status and transcription callbacks that carry the call and the category', () => {
    const response = parse(voicemailTwiml(ivr, links, parties, ivr.options[0]));
    expect(says(response)).toEqual([
      'Please leave a message after the beep.',
      '请在提示音后留言。',
      'We did not receive a message. Goodbye.',
    ]);
    const record = response['Record'] as Node;
    const query = 'tenant=acme&caller=%2B14155552671&called=%2B14155550100&category=after_sales&language=en-US';
    expect(record).toMatchObject({
      maxLength: '120',
      finishOnKey: '#',
      playBeep: 'true',
      transcribe: 'true',
      recordingStatusCallbackEvent: 'completed absent',
      recordingStatusCallback: `https://support.example.com/webhooks/twilio/voice/recording?${query}`,
      transcribeCallback: `https://support.example.com/webhooks/twilio/voice/transcription?${query}`,
      action: `https://support.example.com/webhooks/twilio/voice/voicemail?${query}`,
    });
    expect(response).toHaveProperty('Hangup');
  });

  it('asks for no transcription of a Chinese voicemail (Twilio transcribes English only)', () => {
    const record = parse(voicemailTwiml(testIvrSettings({ languages: ['zh-CN'] }), links, parties, undefined))[
      'Record'
    ] as Node;
    expect(record['transcribe']).toBeUndefined();
    expect(record['recordingStatusCallback']).toContain('category=&language=zh-CN');
  });

  it('thanks the caller and hangs up once the voicemail is in', () => {
    expect(says(parse(voicemailDoneTwiml('zh-CN')))).toEqual(['谢谢，您的留言已收到。再见。']);
  });
});

describe('resolveMenuChoice', () => {
  const category = (input: { digits?: string; speech?: string }) => {
    const choice = resolveMenuChoice(ivr, input);
    return choice.kind === 'option' ? `${choice.option.category}/${choice.via}` : choice.kind;
  };

  it('maps digits, keywords and spoken digits in both languages to the category', () => {
    expect(category({ digits: '1' })).toBe('after_sales/dtmf');
    expect(category({ digits: '2' })).toBe('billing/dtmf');
    expect(category({ speech: 'I need a repair, please.' })).toBe('after_sales/speech');
    expect(category({ speech: '我要开发票' })).toBe('billing/speech');
    expect(category({ speech: 'Three.' })).toBe('other/speech');
    expect(category({ speech: '一' })).toBe('after_sales/speech');
    expect(category({ digits: '9' })).toBe('status');
    expect(category({})).toBe('none');
    expect(category({ digits: '7' })).toBe('unknown');
    expect(category({ speech: 'the weather' })).toBe('unknown');
  });
});

describe('ivrSettingsSchema', () => {
  it('refuses duplicate digits, a status key on a menu digit and a missing greeting', () => {
    const result = ivrSettingsSchema.safeParse({
      languages: ['en-US', 'zh-CN'],
      greeting: { 'en-US': 'Hi' },
      options: [
        { digit: '1', category: 'a', label: {} },
        { digit: '1', category: 'b', label: {} },
      ],
      statusKey: '1',
      voicemailPrompt: { 'en-US': 'Beep', 'zh-CN': '请留言' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['options', 'statusKey', 'greeting.zh-CN']);
  });
});
