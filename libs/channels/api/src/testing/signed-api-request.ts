import { signedHeaders } from '@switchboard/channel-sdk';
import type { ApiInbound } from '../inbound/api-inbound.schema';

export const inboundPathOf = (channelId: string): string => `/api/v1/channels/api/${channelId}/messages`;

/** What an integrator sends: the JSON body and its signature headers, as an HTTP request. */
export function signedApiRequest(channelId: string, secret: string, body: ApiInbound | string, now = new Date()) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method: 'POST' as const,
    url: inboundPathOf(channelId),
    headers: { 'content-type': 'application/json', ...signedHeaders(secret, payload, now) },
    payload,
  };
}

export const apiMessage = (id: string, text: string, conversationId = `conv-${id}`): ApiInbound => ({
  messageId: id,
  conversationId,
  customer: { id: `cust-${conversationId}`, name: 'Li Lei', email: 'li.lei@example.com' },
  subject: 'Order 42',
  text,
});
