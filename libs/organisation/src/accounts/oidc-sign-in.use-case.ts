import * as oidc from 'openid-client';
import { AuthException, signToken, verifyToken } from '@switchboard/auth';
import { inTenant, type Database } from '@switchboard/persistence';
import { recordAdminChange } from '../audit/admin-audit';
import type { AdminActor } from '../admin/admin-actor';
import { OrganisationException, OrganisationExceptionCode as Code } from '../organisation.exception';
import type { SignedIn } from './password-sign-in.use-case';
import { openSession } from './sessions.repository';
import type { AgentRole } from '@switchboard/auth';

/** A sign-in through the provider must come back within ten minutes. */
const STATE_TTL_SECONDS = 600;

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Our callback as registered at the provider: `<public URL>/api/v1/auth/oidc/<tenant>/callback`. */
  readonly redirectUri: string;
}

interface SettingsRow {
  tenant_id: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  redirect_uri: string;
}

// Plain http only for a provider on this machine (tests, a local IdP); anywhere else TLS is required.
const isLocal = (url: URL): boolean =>
  url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/**
 * Optional single sign-on per tenant with OpenID Connect (authorization code + PKCE, openid-client).
 * The state parameter is a signed token carrying the PKCE verifier and nonce, so nothing is stored
 * between the redirect and the callback. The ID token's email, when the provider says it is
 * verified, must be an active agent's of the tenant; the session is then like a password sign-in's.
 */
export class OidcSignInUseCase {
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    private readonly db: Database,
    private readonly stateSecret: string,
  ) {}

  async configure(actor: AdminActor, settings: OidcSettings): Promise<void> {
    await inTenant(this.db, actor.tenantId, async (tx) => {
      await tx.query(
        `INSERT INTO tenant_oidc_providers (tenant_id, issuer, client_id, client_secret, redirect_uri)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id) DO UPDATE SET issuer = $2, client_id = $3, client_secret = $4, redirect_uri = $5,
           enabled = true, updated_at = now()`,
        [actor.tenantId, settings.issuer, settings.clientId, settings.clientSecret, settings.redirectUri],
      );
      await recordAdminChange(tx, {
        tenantId: actor.tenantId,
        actorId: actor.id,
        action: 'oidc.configured',
        targetKind: 'tenant',
        targetId: actor.tenantId,
        data: { issuer: settings.issuer, clientId: settings.clientId, redirectUri: settings.redirectUri },
      });
    });
    this.configurations.delete(actor.tenantId);
  }

  /** Where to send the browser: the provider's authorization endpoint with our state, nonce and PKCE. */
  async start(tenantSlug: string): Promise<{ authorizationUrl: string }> {
    const settings = await this.settingsOf(tenantSlug);
    const config = await this.configurationOf(settings);
    const verifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const state = signToken(
      this.stateSecret,
      'oidc-state',
      { t: tenantSlug, v: verifier, n: nonce },
      STATE_TTL_SECONDS,
    );
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirect_uri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { authorizationUrl: url.href };
  }

  /** The provider's redirect back to us (`callbackUrl` as the browser asked for it). */
  async finish(tenantSlug: string, callbackUrl: URL): Promise<SignedIn> {
    const settings = await this.settingsOf(tenantSlug);
    const state = callbackUrl.searchParams.get('state') ?? '';
    const checks = this.checksOf(tenantSlug, state);
    const config = await this.configurationOf(settings);
    const current = new URL(settings.redirect_uri);
    current.search = callbackUrl.search;
    const tokens = await oidc
      .authorizationCodeGrant(config, current, { ...checks, expectedState: state, idTokenExpected: true })
      .catch(() => {
        throw new OrganisationException(Code.InvalidCredentials, 'The identity provider did not confirm the sign-in.');
      });
    const email = await this.verifiedEmail(config, tokens);
    if (typeof email !== 'string') {
      throw new OrganisationException(Code.InvalidCredentials, 'The identity provider gave no verified email.');
    }
    return this.openSessionFor(settings.tenant_id, email);
  }

  /** From the ID token, else from the userinfo endpoint (providers that keep the ID token minimal). */
  private async verifiedEmail(
    config: oidc.Configuration,
    tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>,
  ): Promise<unknown> {
    const claims = tokens.claims();
    if (!claims) return undefined;
    const info =
      claims['email'] === undefined ? await oidc.fetchUserInfo(config, tokens.access_token, claims.sub) : claims;
    return info['email_verified'] === true ? info['email'] : undefined;
  }

  private checksOf(tenantSlug: string, state: string): { pkceCodeVerifier: string; expectedNonce: string } {
    try {
      const data = verifyToken(this.stateSecret, 'oidc-state', state);
      const [t, v, n] = [data['t'], data['v'], data['n']];
      if (t === tenantSlug && typeof v === 'string' && typeof n === 'string')
        return { pkceCodeVerifier: v, expectedNonce: n };
    } catch (error) {
      if (!(error instanceof AuthException)) throw error;
    }
    throw new OrganisationException(Code.InvalidCredentials, 'The sign-in came back with a state we did not send.');
  }

  private async openSessionFor(tenantId: string, email: string): Promise<SignedIn> {
    return inTenant(this.db, tenantId, async (tx) => {
      const rows = await tx.query<{ id: string; role: AgentRole }>(
        `SELECT id, role FROM agents WHERE tenant_id = $1 AND lower(email) = lower($2) AND deactivated_at IS NULL
         ORDER BY (email = $2) DESC LIMIT 1`,
        [tenantId, email],
      );
      const agent = rows[0];
      if (!agent) throw new OrganisationException(Code.InvalidCredentials, 'No active account has that email here.');
      const session = await openSession(tx, { tenantId, agentId: agent.id, method: 'oidc' });
      return { ...session, agentId: agent.id, tenantId, role: agent.role };
    });
  }

  private async settingsOf(tenantSlug: string): Promise<SettingsRow> {
    const rows = await this.db.query<SettingsRow>(
      `SELECT o.tenant_id, o.issuer, o.client_id, o.client_secret, o.redirect_uri
       FROM tenant_oidc_providers o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug = $1 AND o.enabled`,
      [tenantSlug],
    );
    const row = rows[0];
    if (!row) throw new OrganisationException(Code.OidcNotConfigured, 'This tenant has no single sign-on.');
    return row;
  }

  private configurationOf(settings: SettingsRow): Promise<oidc.Configuration> {
    let config = this.configurations.get(settings.tenant_id);
    if (!config) {
      const issuer = new URL(settings.issuer);
      config = oidc.discovery(
        issuer,
        settings.client_id,
        settings.client_secret,
        undefined,
        isLocal(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
      config.catch(() => this.configurations.delete(settings.tenant_id));
      this.configurations.set(settings.tenant_id, config);
    }
    return config;
  }
}
