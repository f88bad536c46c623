import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { TEST_SMTP } from './test-mail-server';

/**
 * A TCP proxy in front of the test SMTP server (GreenMail) that can be made to fail the way a mail
 * provider does: while `failWith(code)` is set, each new connection is greeted with that reply code
 * and closed (RFC 5321 §3.1: 421 "service not available, try later", 554 "no service here"), so a
 * sender sees a real SMTP refusal. Otherwise bytes pass through both ways. Counts connections, which
 * is one per delivery attempt while it fails (a refused connection is never pooled).
 */
export class SmtpFaultProxy {
  #failWith: number | undefined;
  #connections = 0;
  readonly #sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(target: { readonly host: string; readonly port: number } = TEST_SMTP): Promise<SmtpFaultProxy> {
    const holder: { self?: SmtpFaultProxy } = {};
    const server = createServer((client) => holder.self?.accept(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.self = new SmtpFaultProxy(server);
    return holder.self;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /**
   * Every new connection is refused with this SMTP reply code; undefined: pass through again. Going
   * down drops the open connections too, as a provider's outage does (a sender's pool must reconnect).
   */
  failWith(code: number | undefined): void {
    this.#failWith = code;
    if (code !== undefined) for (const socket of this.#sockets) socket.destroy();
  }

  connections(): number {
    return this.#connections;
  }

  private accept(client: Socket, target: { readonly host: string; readonly port: number }): void {
    this.#connections++;
    this.#sockets.add(client);
    client.on('close', () => this.#sockets.delete(client));
    client.on('error', () => client.destroy());
    const code = this.#failWith;
    if (code !== undefined) {
      client.end(
        `${code} ${code < 500 ? '4.3.2 Service not available, try again later' : '5.7.1 No service here'}\r\n`,
      );
      return;
    }
    const upstream = createConnection(target);
    this.#sockets.add(upstream);
    upstream.on('close', () => {
      this.#sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
