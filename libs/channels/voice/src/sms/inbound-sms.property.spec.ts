import fc from 'fast-check';
import { inboundSmsParams, TEST_ACCOUNT_SID, twilioSid } from '../testing/twilio-fixtures';
import { VoiceChannelException } from '../voice-channel.exception';
import { parseInboundSms } from './inbound-sms';

const hostileValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('', ' ', '+', '+1', 'null'),
);
const fields = [
  'MessageSid',
  'AccountSid',
  'From',
  'To',
  'Body',
  'NumMedia',
  'NumSegments',
  'MediaUrl0',
  'MediaContentType0',
];

describe('the inbound SMS parser, for any webhook form', () => {
  it('refuses with a VoiceChannelException or yields an SMS from an E.164 number of this account', () => {
    const form = fc
      .tuple(
        fc.dictionary(fc.constantFrom(...fields, '__proto__', 'constructor'), hostileValue, { maxKeys: 8 }),
        fc.integer({ min: 1, max: 0xffff }),
        fc.boolean(),
      )
      .map(([overrides, seed, valid]) =>
        valid
          ? { ...inboundSmsParams({ MessageSid: twilioSid('SM', seed) }) }
          : { ...inboundSmsParams(), ...overrides },
      );
    let parsed = 0;
    fc.assert(
      fc.property(form, (params) => {
        let sms;
        try {
          sms = parseInboundSms(params, TEST_ACCOUNT_SID);
        } catch (error) {
          expect(error).toBeInstanceOf(VoiceChannelException);
          return;
        }
        parsed += 1;
        expect(sms.from).toMatch(/^\+[1-9]\d{6,14}$/);
        expect(sms.accountSid).toBe(TEST_ACCOUNT_SID);
        expect(sms.messageSid).toBe(params['MessageSid']);
        expect(typeof sms.body).toBe('string');
      }),
      { numRuns: 800 },
    );
    expect(parsed).toBeGreaterThan(0);
  });
});
