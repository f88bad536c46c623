/**
 * The paths of the channel's webhooks under the public base URL. Twilio signs the full URL it calls,
 * so the console configuration, the callback URLs we pass and the routes must agree: one place.
 */
export const WebhookPaths = {
  inboundSms: '/webhooks/twilio/sms',
  smsStatus: '/webhooks/twilio/sms/status',
  incomingCall: '/webhooks/twilio/voice',
  menuChoice: '/webhooks/twilio/voice/menu',
  voicemailDone: '/webhooks/twilio/voice/voicemail',
  recordingStatus: '/webhooks/twilio/voice/recording',
  transcription: '/webhooks/twilio/voice/transcription',
  callStatus: '/webhooks/twilio/voice/status',
} as const;

export type WebhookPath = (typeof WebhookPaths)[keyof typeof WebhookPaths];

/** An absolute callback URL with its query; the query is signed along with the rest by Twilio. */
export function callbackUrl(
  publicBaseUrl: string,
  path: WebhookPath,
  query: Readonly<Record<string, string>> = {},
): string {
  const search = new URLSearchParams(query).toString();
  return `${publicBaseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}
