/** Small typed helpers over fetch for the e2e tests: what a user's HTTP client would send. */
export interface JsonResponse<T> {
  readonly status: number;
  readonly body: T;
}

export async function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export async function getJson<T>(url: string, token?: string): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: response.status, body: (await response.json()) as T };
}

export async function login(
  apiBase: string,
  email: string,
  password = 'switchboard',
  tenant = 'demo',
): Promise<string> {
  const { status, body } = await postJson<{ accessToken: string }>(`${apiBase}/api/v1/auth/token`, {
    tenant,
    email,
    password,
  });
  if (status !== 200) throw new Error(`login ${email} failed: ${status} ${JSON.stringify(body)}`);
  return body.accessToken;
}

/** Polls until check returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A POST whose answer may come before the upload ends (413 on Content-Length). Like curl, it reads
 * what the server answered even when the server closes the socket while the client is still writing:
 * node's HTTP client drops such an answer on EPIPE, so this speaks HTTP/1.1 over a plain socket.
 */
export async function postOversized(url: string, body: string): Promise<JsonResponse<{ error: { code: string } }>> {
  const { connect } = await import('node:net');
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => {
      const [head = '', payload = ''] = received.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      try {
        resolve({ status, body: JSON.parse(payload) as { error: { code: string } } });
      } catch {
        reject(new Error(`unexpected answer to an oversized POST: ${received.slice(0, 500)}`));
      }
    });
    socket.write(
      `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
    );
    socket.end(body);
  });
}
