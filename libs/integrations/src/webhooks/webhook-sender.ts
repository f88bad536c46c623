import { postOutbound, type OutboundDestinationPolicy } from '@switchboard/http';

/** One HTTP POST of a webhook and what came of it. */
export interface WebhookResponse {
  /** The receiver's status code; null when no answer came (refused, timed out, DNS). */
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The port the dispatcher sends through (fetch in production; a test may wrap it). */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookResponse>;
}

/**
 * The product's outbound POST (postOutbound): the destination policy refuses private addresses unless
 * allowed, redirects are not followed (a 3xx counts as a failure, as most providers do), and the
 * response body is discarded unread.
 */
export class HttpWebhookSender implements WebhookSender {
  constructor(
    private readonly timeoutMs: number,
    private readonly policy: OutboundDestinationPolicy,
  ) {}

  async send(request: WebhookRequest): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      const { status } = await postOutbound({ ...request, timeoutMs: this.timeoutMs, policy: this.policy });
      const ok = status >= 200 && status < 300;
      return { statusCode: status, error: ok ? null : `HTTP ${status}`, durationMs: elapsed() };
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
      return { statusCode: null, error: cause || String(error), durationMs: elapsed() };
    }
  }
}
