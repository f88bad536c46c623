import twilio from 'twilio';
// Type-only: the SDK exports the class but not its option and response types at the top level.
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

/**
 * The SDK has no base-URL option: it always calls https://api.twilio.com (and its other domains).
 * This client keeps every path and rewrites the origin to the configured API base, which is how the
 * tests point it at our fake Twilio API and how a deployment could use a regional or proxy endpoint.
 */
export class RebasedRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(apiBaseUrl: string, timeoutMs: number) {
    // Retries are ours (the outbound consumer backs off and dead-letters), not the SDK's.
    super({ timeout: timeoutMs, autoRetry: false, keepAlive: true });
    this.base = new URL(apiBaseUrl);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const target = new URL(opts.uri);
    target.protocol = this.base.protocol;
    target.host = this.base.host;
    return super.request({ ...opts, uri: target.toString() });
  }
}
