import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface LocalOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Drives a browser through the provider: signs in as `email` and answers where it redirects to us. */
  signIn(authorizationUrl: string, email: string): Promise<URL>;
  close(): Promise<void>;
}

/** Cookies by name, as a browser keeps them across the provider's redirects. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * A real OpenID Connect provider (oidc-provider from the npm registry) on 127.0.0.1, with one
 * client registered for `redirectUri` and its development login and consent pages, where any
 * account id signs in (the account id is the email, verified).
 */
export async function startLocalOidcProvider(redirectUri: string): Promise<LocalOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'switchboard';
  const clientSecret = 'a-client-secret-of-the-local-provider';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_context: unknown, sub: string) =>
      Promise.resolve({ accountId: sub, claims: () => Promise.resolve({ sub, email: sub, email_verified: true }) }),
    cookies: { keys: ['local-oidc-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  server.on('request', provider.callback());

  async function signIn(authorizationUrl: string, email: string): Promise<URL> {
    const jar = new CookieJar();
    let url = new URL(authorizationUrl);
    for (let step = 0; step < 12; step += 1) {
      if (url.href.startsWith(redirectUri)) return url;
      let response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.take(response);
      if (url.pathname.startsWith('/interaction/') && response.status === 200) {
        const page = await response.text();
        const form: Record<string, string> = page.includes('name="login"')
          ? { prompt: 'login', login: email, password: 'x' }
          : { prompt: 'consent' };
        response = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form).toString(),
        });
        jar.take(response);
      }
      const location = response.headers.get('location');
      if (!location) throw new Error(`The provider answered ${response.status} at ${url.pathname}`);
      url = new URL(location, url);
    }
    throw new Error('The provider never redirected back');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    signIn,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
