import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup } from './guarded-lookup';
import { destinationProblemOf, type OutboundDestinationPolicy } from './outbound-destination-policy';

export interface OutboundPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  readonly policy: OutboundDestinationPolicy;
}

/** Refused before any connection: the URL itself is not allowed. */
export class DestinationRefusedError extends Error {
  constructor(
    readonly code: 'destination_url_invalid' | 'destination_not_public',
    message: string,
  ) {
    super(message);
    this.name = 'DestinationRefusedError';
  }
}

/**
 * POSTs a body to a URL someone configured, as the product's one way to call such URLs: the destination
 * policy is applied to the URL and to every address its name resolves to, redirects are never followed
 * (the 3xx is the answer), the answer's body is discarded unread, and the whole exchange has a deadline.
 * Resolves with the status of any HTTP answer; rejects on refusal, network error or timeout.
 */
export function postOutbound(post: OutboundPost): Promise<{ readonly status: number }> {
  const problem = destinationProblemOf(post.url, post.policy);
  if (problem) return Promise.reject(new DestinationRefusedError(problem.code, problem.message));
  const url = new URL(post.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        lookup: guardedLookup(post.policy),
        signal: AbortSignal.timeout(post.timeoutMs),
      },
      (response) => {
        response.resume();
        response.on('error', () => undefined);
        resolve({ status: response.statusCode ?? 0 });
      },
    );
    request.on('error', (error: Error) =>
      reject(error.name === 'AbortError' ? new Error(`no answer within ${post.timeoutMs} ms`) : error),
    );
    request.end(post.body);
  });
}
