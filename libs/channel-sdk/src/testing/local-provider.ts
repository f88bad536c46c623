import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderProbe } from './conformance-fixtures';

/**
 * A provider's send API as a local HTTP server, for adapters' tests: it records the JSON it is sent
 * (`messageId` and `text` fields, as generated adapters post them), and fails with a status on request.
 */
export class LocalProvider implements ProviderProbe {
  readonly #received: { messageId: string; text: string; body: unknown; headers: Record<string, string> }[] = [];
  #attempts = 0;
  #failWith: number | undefined;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<LocalProvider> {
    const holder: { self?: LocalProvider } = {};
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[key] = value;
        response.writeHead(holder.self ? holder.self.take(Buffer.concat(chunks).toString('utf8'), headers) : 503).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.self = new LocalProvider(server);
    return holder.self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
  }

  received() {
    return this.#received;
  }

  attempts(): number {
    return this.#attempts;
  }

  failWith(status: number | undefined): void {
    this.#failWith = status;
  }

  private take(raw: string, headers: Record<string, string>): number {
    this.#attempts++;
    if (this.#failWith !== undefined) return this.#failWith;
    const body = JSON.parse(raw) as { messageId?: unknown; text?: unknown };
    this.#received.push({
      messageId: typeof body.messageId === 'string' ? body.messageId : '',
      text: typeof body.text === 'string' ? body.text : '',
      body,
      headers,
    });
    return 200;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
