import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * A TCP proxy in the test process between a service and a server it depends on, so that a test can
 * take the server away for this one service without touching the shared server itself.
 * `cut()` is what a stopped server looks like to its clients: every open connection is dropped at once
 * (node-postgres: "Connection terminated unexpectedly", or ECONNRESET when the socket still held unread
 * bytes or with 'reset') and the port stops listening, so new connections are refused (ECONNREFUSED).
 * `restore()` listens on the same port again.
 */
export class TcpProxy {
  private readonly open = new Set<Socket>();
  private server: Server | undefined;
  private listenPort = 0;
  /** Connections accepted since start; a client that reconnects after restore() raises it. */
  accepted = 0;
  /** Connections cut() tore down while they were open. */
  severed = 0;

  private constructor(private readonly target: TcpTarget) {}

  static async start(target: TcpTarget): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.listen(0);
    return proxy;
  }

  /** The loopback port clients connect to; the same across cut() and restore(). */
  get port(): number {
    return this.listenPort;
  }

  get cutOff(): boolean {
    return this.server === undefined;
  }

  /** Closes (or resets) every open connection and stops listening: new connections are refused until restore(). */
  async cut(how: 'close' | 'reset' = 'close'): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((done) => server.close(() => done()));
    for (const socket of this.open) {
      this.severed += 1;
      if (how === 'reset') socket.resetAndDestroy();
      else socket.destroy();
    }
    this.open.clear();
    await closed;
  }

  /** Listens on the same port again; new connections reach the target. */
  async restore(): Promise<void> {
    if (this.server) return;
    await this.listen(this.listenPort);
  }

  async close(): Promise<void> {
    await this.cut();
  }

  private listen(port: number): Promise<void> {
    const server = createServer((client) => this.pipe(client));
    return new Promise((done, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', fail);
        const address = server.address();
        this.listenPort = typeof address === 'object' && address ? address.port : port;
        this.server = server;
        done();
      });
    });
  }

  private pipe(client: Socket): void {
    if (!this.server) {
      client.resetAndDestroy();
      return;
    }
    this.accepted += 1;
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.open.add(socket);
      socket.setNoDelay(true);
      // A reset peer is the point of cut(); errors only end the pair, they are not test failures.
      socket.on('error', () => undefined);
      socket.once('close', () => {
        this.open.delete(socket);
        (socket === client ? upstream : client).destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
