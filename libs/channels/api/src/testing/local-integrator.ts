import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureHeaders, verifySignature } from '@switchboard/channel-sdk';
import type { ApiDeliveryPayload } from '../outbound/api-delivery-payload';

export interface ReceivedDelivery {
  readonly payload: ApiDeliveryPayload;
  readonly signatureValid: boolean;
  readonly deliveryId: string;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The integrator's side of an API channel, as a local HTTP server: it verifies every delivery's
 * signature with the secrets it was given (as an integrator would, with the shared helper), records
 * what arrived, and answers 401 to a bad signature, or the status it was told to fail with.
 */
export class LocalIntegrator {
  readonly received: ReceivedDelivery[] = [];
  #attempts = 0;
  #failWith: number | undefined;
  #secrets: readonly string[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<LocalIntegrator> {
    const holder: { self?: LocalIntegrator } = {};
    const server = createServer((request, response) => {
      void (async () => {
        const raw = await bodyOf(request);
        if (holder.self) response.writeHead(holder.self.handle(request, raw)).end();
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.self = new LocalIntegrator(server);
    return holder.self;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/switchboard/replies`;
  }

  /** The secrets the integrator verifies with (the channel's, as the admin handed them over). */
  trust(secrets: readonly string[]): void {
    this.#secrets = secrets;
  }

  failWith(status: number | undefined): void {
    this.#failWith = status;
  }

  attempts(): number {
    return this.#attempts;
  }

  private handle(request: IncomingMessage, raw: Buffer): number {
    this.#attempts++;
    if (this.#failWith !== undefined) return this.#failWith;
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(',') : value;
    };
    const check = verifySignature({
      secrets: this.#secrets,
      timestamp: header(SignatureHeaders.timestamp),
      signature: header(SignatureHeaders.signature),
      body: raw,
      now: new Date(),
    });
    if (!check.ok) return 401;
    this.received.push({
      payload: JSON.parse(raw.toString('utf8')) as ApiDeliveryPayload,
      signatureValid: true,
      deliveryId: header(SignatureHeaders.deliveryId) ?? '',
    });
    return 204;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
