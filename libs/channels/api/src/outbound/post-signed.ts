import { postOutbound, SignatureHeaders, signPayload, type OutboundDestinationPolicy } from '@switchboard/http';

export interface PostResult {
  readonly status: number;
}

/**
 * POSTs a JSON body signed like the inbound side: `v1=` HMAC-SHA256 over "<timestamp>.<body>", one
 * value per secret valid now (during a rotation the integrator may still verify with the old one).
 * Network errors, timeouts and a destination the policy refuses reject; any HTTP answer resolves with
 * its status (a redirect is not followed: its 3xx is the answer).
 */
export async function postSigned(
  url: string,
  body: string,
  secrets: readonly string[],
  deliveryId: string,
  timeoutMs: number,
  now: Date,
  policy: OutboundDestinationPolicy,
): Promise<PostResult> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return postOutbound({
    url,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      [SignatureHeaders.timestamp]: String(timestamp),
      [SignatureHeaders.signature]: secrets.map((s) => signPayload(s, timestamp, body)).join(', '),
      [SignatureHeaders.deliveryId]: deliveryId,
    },
    body,
    timeoutMs,
    policy,
  });
}
