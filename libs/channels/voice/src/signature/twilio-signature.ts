import twilio from 'twilio';
import { VoiceChannelException, VoiceChannelExceptionCode } from '../voice-channel.exception';

/** One webhook request as the HTTP edge received it, before anything is parsed or stored. */
export interface TwilioWebhookRequest {
  /** A webhook configured for GET sends its parameters in the query string (signed as part of the URL). */
  readonly method?: 'GET' | 'POST' | undefined;
  /** The path and query string our server saw (`/webhooks/twilio/sms?tenant=acme`). */
  readonly pathAndQuery: string;
  readonly signature: string | undefined;
  /** `X-Twilio-Webhooks-Signature-Settings`, present on webhooks signed with a SharedKey. */
  readonly signatureSettings?: string | undefined;
  readonly contentType: string | undefined;
  readonly rawBody: string;
}

export type WebhookParams = Readonly<Record<string, string>>;

export interface TwilioSignatureSecrets {
  readonly authToken: string;
  /** For webhooks signed with a SharedKey (they carry the settings header); the auth token otherwise. */
  readonly sharedKeySecret?: string | undefined;
}

const forged = (why: string): VoiceChannelException =>
  new VoiceChannelException(VoiceChannelExceptionCode.InvalidSignature, `Twilio signature rejected: ${why}.`);

/**
 * The URL Twilio signed: the configured public base joined with the path we saw. Behind a proxy the
 * Host header names the proxy's upstream, so it is never used; Twilio signs the URL it called.
 */
export function publicUrlOf(publicBaseUrl: string, pathAndQuery: string): string {
  const path = pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`;
  return `${publicBaseUrl.replace(/\/+$/, '')}${path}`;
}

/** Form parameters as Twilio signs them: each name with its value (Twilio sends each name once). */
export function formParamsOf(rawBody: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawBody)) params[name] = value;
  return params;
}

const isJson = (contentType: string | undefined): boolean =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';

/**
 * Checks `X-Twilio-Signature` with the SDK: `validateRequest` (URL plus sorted POST parameters) for
 * form bodies, `validateRequestWithBody` (URL with `bodySHA256`, checked against the raw body) for
 * JSON. Returns the signed form parameters (empty for JSON); throws `invalid_signature` otherwise,
 * before anything is parsed, so a forged request stores nothing.
 */
export function verifyTwilioRequest(
  request: TwilioWebhookRequest,
  publicBaseUrl: string,
  secrets: TwilioSignatureSecrets,
): WebhookParams {
  const signature = request.signature?.trim();
  if (!signature) throw forged('no X-Twilio-Signature header');
  const url = publicUrlOf(publicBaseUrl, request.pathAndQuery);
  const algorithm = twilio.getSignatureAlgorithm(request.signatureSettings);
  const secret = request.signatureSettings && secrets.sharedKeySecret ? secrets.sharedKeySecret : secrets.authToken;
  if (isJson(request.contentType)) {
    if (!new URL(url).searchParams.has('bodySHA256')) throw forged('a JSON webhook without bodySHA256');
    if (!twilio.validateRequestWithBody(secret, signature, url, request.rawBody, algorithm)) {
      throw forged('signature or body hash does not match');
    }
    return {};
  }
  if (request.method === 'GET') {
    if (!twilio.validateRequest(secret, signature, url, {}, algorithm)) throw forged('signature does not match');
    return Object.fromEntries(new URL(url).searchParams);
  }
  const params = formParamsOf(request.rawBody);
  if (!twilio.validateRequest(secret, signature, url, params, algorithm)) throw forged('signature does not match');
  return params;
}
