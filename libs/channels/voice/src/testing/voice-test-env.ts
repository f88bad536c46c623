import type { ProviderProbe } from '@switchboard/channel-sdk/testing';
import type { FakeTwilioApi } from './fake-twilio-api';
import { testIvrSettings } from './ivr-fixtures';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from './twilio-fixtures';

/** The base Twilio calls in tests (what the console would be configured with); never the Host header. */
export const TEST_PUBLIC_BASE_URL = 'https://support.example.com';
/** The tenant's number: SMS with the test IVR. */
export const TEST_NUMBER = '+14155550100';
export const TEST_TENANT = 'acme';

/** The channel's environment against a FakeTwilioApi: one number of `tenant`, with the test IVR; fast retries. */
export function voiceTestEnv(
  api: FakeTwilioApi,
  tenant = TEST_TENANT,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const numbers = [
    { tenant, number: TEST_NUMBER, helpText: 'Acme support: reply STOP to opt out.', ivr: testIvrSettings() },
  ];
  return {
    VOICE_TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    VOICE_TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    VOICE_PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
    VOICE_TWILIO_API_BASE: api.baseUrl,
    VOICE_NUMBERS_JSON: JSON.stringify({ numbers }),
    VOICE_DELIVERY_ATTEMPTS: '3',
    VOICE_DELIVERY_BACKOFF_MS: '1',
    VOICE_DELIVERY_MAX_BACKOFF_MS: '5',
    ...overrides,
  };
}

/** The fake Twilio API as the conformance suite's provider: what it accepted, and an outage switch. */
export function twilioProviderProbe(api: FakeTwilioApi): ProviderProbe {
  return {
    received: () =>
      api.sentMessages().flatMap((r) => {
        const callback = r.form['StatusCallback'];
        const messageId = callback ? (new URL(callback).searchParams.get('message') ?? '') : '';
        return [{ messageId, text: r.form['Body'] ?? '' }];
      }),
    attempts: () => api.sentMessages().length,
    failWith: (status) =>
      api.failAll(status === undefined ? undefined : { status, code: 20_000 + status, message: `HTTP ${status}` }),
  };
}
