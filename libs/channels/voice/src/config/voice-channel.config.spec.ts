import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../testing/twilio-fixtures';
import { VoiceConfigError, loadVoiceChannelConfig, numberSettingsOf } from './voice-channel.config';

const env = (numbers: unknown[], extra: Record<string, string> = {}) => ({
  VOICE_TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
  VOICE_TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
  VOICE_PUBLIC_BASE_URL: 'https://support.example.com/',
  VOICE_NUMBERS_JSON: JSON.stringify({ numbers }),
  ...extra,
});

const problems = (source: Record<string, string>): readonly string[] => {
  try {
    loadVoiceChannelConfig(source);
  } catch (error) {
    if (error instanceof VoiceConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadVoiceChannelConfig', () => {
  it('reads credentials, URLs and numbers with defaults', () => {
    const config = loadVoiceChannelConfig(
      env([{ tenant: 'acme', number: '+1 415 555 0100', helpText: 'Acme: reply STOP to opt out.' }]),
    );
    expect(config).toMatchObject({
      publicBaseUrl: 'https://support.example.com',
      apiBaseUrl: 'https://api.twilio.com',
      mediaLimits: { maxBytes: 5 * 1024 * 1024 },
      numbers: [{ tenant: 'acme', number: '+14155550100', language: 'en', keywords: {} }],
    });
    expect(numberSettingsOf(config, '+14155550100')?.tenant).toBe('acme');
    expect(numberSettingsOf(config, '+14155550199')).toBeUndefined();
  });

  it('lists every problem', () => {
    expect(
      problems({
        VOICE_TWILIO_ACCOUNT_SID: 'AC1',
        VOICE_TWILIO_AUTH_TOKEN: 'x',
        VOICE_PUBLIC_BASE_URL: 'http://support.example.com',
      }),
    ).toEqual([
      'VOICE_TWILIO_ACCOUNT_SID: must be a Twilio AC id',
      'VOICE_TWILIO_AUTH_TOKEN: must be the account auth token',
      'VOICE_PUBLIC_BASE_URL: must be https (http only for localhost)',
    ]);
    expect(problems(env([{ tenant: 'acme', number: 'abc', helpText: 'h' }]))).toEqual([
      'numbers.0.number: must be an E.164 number or a short code',
    ]);
    const twice = { tenant: 'acme', number: '+14155550100', helpText: 'h' };
    expect(problems(env([twice, twice]))).toEqual(['numbers: +14155550100 is configured more than once']);
  });
});
