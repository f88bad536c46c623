import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DestinationNotPublicError, guardedLookup } from './guarded-lookup';
import { DestinationRefusedError, postOutbound } from './post-outbound';

const strict = { allowPrivateNetworks: false };
const lenient = { allowPrivateNetworks: true };

describe('postOutbound against a local HTTP server', () => {
  let server: Server;
  let base: string;
  const seen: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (req.url === '/redirect') res.writeHead(302, { location: '/elsewhere' }).end();
        else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(), 2_000);
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the body and headers and answers the status when private networks are allowed', async () => {
    const body = JSON.stringify({ text: '你好 👋' });
    const answer = await postOutbound({
      url: `${base}/hooks`,
      headers: { 'content-type': 'application/json', 'x-test': '1' },
      body,
      timeoutMs: 5_000,
      policy: lenient,
    });
    expect(answer.status).toBe(204);
    const request = seen.find((s) => s.url === '/hooks');
    expect(request?.body).toBe(body);
    expect(request?.headers['x-test']).toBe('1');
    expect(request?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('refuses the same receiver under the default policy before connecting', async () => {
    const before = seen.length;
    const loopback = base.replace('localhost', '127.0.0.1');
    await expect(
      postOutbound({ url: `${loopback}/hooks`, headers: {}, body: '{}', timeoutMs: 5_000, policy: strict }),
    ).rejects.toBeInstanceOf(DestinationRefusedError);
    await expect(
      postOutbound({ url: `${base}/hooks`, headers: {}, body: '{}', timeoutMs: 5_000, policy: strict }),
    ).rejects.toMatchObject({ code: 'destination_not_public' });
    expect(seen.length).toBe(before);
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const answer = await postOutbound({
      url: `${base}/redirect`,
      headers: {},
      body: '{}',
      timeoutMs: 5_000,
      policy: lenient,
    });
    expect(answer.status).toBe(302);
    expect(seen.some((s) => s.url === '/elsewhere')).toBe(false);
  });

  it('gives up after its deadline', async () => {
    await expect(
      postOutbound({ url: `${base}/slow`, headers: {}, body: '{}', timeoutMs: 200, policy: lenient }),
    ).rejects.toThrow('no answer within 200 ms');
  });
});

describe('guardedLookup', () => {
  const resolve = (policy: { allowPrivateNetworks: boolean }, host: string) =>
    new Promise<string>((done, fail) =>
      guardedLookup(policy)(host, { family: 4 }, (error, address) =>
        error ? fail(error) : done(typeof address === 'string' ? address : JSON.stringify(address)),
      ),
    );

  it('refuses a name that resolves to a private address, judging the address it would connect to', async () => {
    await expect(resolve(strict, 'localhost')).rejects.toBeInstanceOf(DestinationNotPublicError);
    await expect(resolve(strict, 'localhost')).rejects.toThrow('localhost resolves to 127.0.0.1');
  });

  it('lets it through when private networks are allowed', async () => {
    await expect(resolve(lenient, 'localhost')).resolves.toBe('127.0.0.1');
  });
});
