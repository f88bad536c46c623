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
 * fetch with a timeout; redirects are not followed (a 3xx counts as a failure, as most providers do),
 * and the response body is discarded unread.
 */
export class FetchWebhookSender implements WebhookSender {
  constructor(private readonly timeoutMs = 10_000) {}

  async send(request: WebhookRequest): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.body?.cancel();
      return {
        statusCode: response.status,
        error: response.ok ? null : `HTTP ${response.status}`,
        durationMs: elapsed(),
      };
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
      return { statusCode: null, error: cause || String(error), durationMs: elapsed() };
    }
  }
}
