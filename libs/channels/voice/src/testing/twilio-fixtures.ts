/** Ids shaped as Twilio's (prefix + 32 hex), derived from a seed so tests read which is which. */
export function twilioSid(prefix: 'AC' | 'SM' | 'MM' | 'MG' | 'CA' | 'RE' | 'TR' | 'ME', seed: number): string {
  return `${prefix}${seed.toString(16).padStart(32, '0')}`;
}

export const TEST_ACCOUNT_SID = twilioSid('AC', 0xacc);
export const TEST_AUTH_TOKEN = 'f4c3d00df4c3d00df4c3d00df4c3d00d';

/** The parameters of an inbound SMS webhook as Twilio sends them, with every documented field. */
export function inboundSmsParams(overrides: Record<string, string> = {}): Record<string, string> {
  const sid = overrides['MessageSid'] ?? twilioSid('SM', 1);
  return {
    ToCountry: 'US',
    ToState: 'CA',
    SmsMessageSid: sid,
    NumMedia: '0',
    ToCity: 'SAN FRANCISCO',
    FromZip: '94105',
    SmsSid: sid,
    FromState: 'CA',
    SmsStatus: 'received',
    FromCity: 'SAN FRANCISCO',
    Body: 'My order has not arrived',
    FromCountry: 'US',
    To: '+14155550100',
    MessagingServiceSid: twilioSid('MG', 7),
    ToZip: '94016',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: TEST_ACCOUNT_SID,
    From: '+14155552671',
    ApiVersion: '2010-04-01',
    ...overrides,
  };
}
