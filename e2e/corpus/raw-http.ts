import { connect } from 'node:net';

/** One HTTP exchange of raw bytes: what a hostile client can send that fetch would refuse to. */
export function rawExchange(port: number, request: Buffer | string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** The status and the first JSON body of a raw HTTP answer. */
export function parseRawAnswer(answer: string): { status: number; body: unknown } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
  const [, rest = ''] = answer.split('\r\n\r\n');
  const json = rest.slice(0, rest.lastIndexOf('}') + 1);
  try {
    return { status, body: JSON.parse(json) as unknown };
  } catch {
    return { status, body: rest };
  }
}
