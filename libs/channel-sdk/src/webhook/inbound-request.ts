import type { FastifyRequest } from 'fastify';
import type { InboundRequest } from '../adapter/channel-adapter';
import { ChannelSdkException, ChannelSdkExceptionCode } from '../adapter/channel-sdk.exception';

type WithRawBody = FastifyRequest & { rawBody?: Buffer };

const stringRecord = (value: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  return out;
};

/**
 * The request as an adapter sees it. The raw bytes come from createHttpApp's rawBody option (kept
 * for every JSON and form body): a signature is over the bytes sent, never over re-serialized JSON.
 */
export function inboundRequestOf(request: FastifyRequest): InboundRequest {
  const raw = (request as WithRawBody).rawBody;
  if (!Buffer.isBuffer(raw))
    throw new ChannelSdkException(ChannelSdkExceptionCode.MalformedBody, 'The request has no body.');
  const headers: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(request.headers))
    headers[key] = Array.isArray(value) ? value.join(',') : value;
  return { params: stringRecord(request.params), headers, rawBody: raw, body: request.body, receivedAt: new Date() };
}
