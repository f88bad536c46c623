/** Small typed helpers over fetch for the e2e tests: what a user's HTTP client would send. */
export interface JsonResponse<T> {
  readonly status: number;
  readonly body: T;
}

export async function postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export async function getJson<T>(url: string, token?: string): Promise<JsonResponse<T>> {
  const response = await fetch(url, { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  return { status: response.status, body: (await response.json()) as T };
}

export async function login(apiBase: string, email: string, password = 'switchboard', tenant = 'demo'): Promise<string> {
  const { status, body } = await postJson<{ accessToken: string }>(`${apiBase}/api/v1/auth/token`, { tenant, email, password });
  if (status !== 200) throw new Error(`login ${email} failed: ${status} ${JSON.stringify(body)}`);
  return body.accessToken;
}

/** Polls until check returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
