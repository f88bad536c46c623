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
 * A POST whose answer may come before the upload ends (413 on Content-Length): like curl, it reports
 * the server's status and body even when the server closes the socket while the client still writes.
 */
export async function postOversized(url: string, body: string): Promise<JsonResponse<{ error: { code: string } }>> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { error: { code: string } } }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.end(body);
  });
}
