import { SignatureHeaders, signPayload } from '@switchboard/channel-sdk';

export interface PostResult {
  readonly status: number;
}

/**
 * POSTs a JSON body signed like the inbound side: `v1=` HMAC-SHA256 over "<timestamp>.<body>", one
 * value per secret valid now (during a rotation the integrator may still verify with the old one).
 * Network errors and timeouts reject; any HTTP answer resolves with its status.
 */
export async function postSigned(
  url: string,
  body: string,
  secrets: readonly string[],
  deliveryId: string,
  timeoutMs: number,
  now: Date,
): Promise<PostResult> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      [SignatureHeaders.timestamp]: String(timestamp),
      [SignatureHeaders.signature]: secrets.map((s) => signPayload(s, timestamp, body)).join(', '),
      [SignatureHeaders.deliveryId]: deliveryId,
    },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel().catch(() => undefined);
  return { status: response.status };
}
