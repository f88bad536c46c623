import twilio from 'twilio';
import type { TwilioWebhookRequest } from '../signature/twilio-signature';
import { publicUrlOf } from '../signature/twilio-signature';

/** A form webhook signed exactly as Twilio signs it (URL plus sorted parameters, HMAC-SHA1 of the auth token). */
export function signedFormWebhook(
  authToken: string,
  publicBaseUrl: string,
  pathAndQuery: string,
  params: Readonly<Record<string, string>>,
): TwilioWebhookRequest {
  const url = publicUrlOf(publicBaseUrl, pathAndQuery);
  return {
    pathAndQuery,
    signature: twilio.getExpectedTwilioSignature(authToken, url, { ...params }),
    contentType: 'application/x-www-form-urlencoded',
    rawBody: new URLSearchParams(params).toString(),
  };
}

/** A JSON webhook signed as Twilio signs those: `bodySHA256` in the query, the URL signed without parameters. */
export function signedJsonWebhook(
  authToken: string,
  publicBaseUrl: string,
  path: string,
  body: unknown,
): TwilioWebhookRequest {
  const rawBody = JSON.stringify(body);
  const separator = path.includes('?') ? '&' : '?';
  const pathAndQuery = `${path}${separator}bodySHA256=${twilio.getExpectedBodyHash(rawBody)}`;
  const url = publicUrlOf(publicBaseUrl, pathAndQuery);
  return {
    pathAndQuery,
    signature: twilio.getExpectedTwilioSignature(authToken, url, {}),
    contentType: 'application/json',
    rawBody,
  };
}
