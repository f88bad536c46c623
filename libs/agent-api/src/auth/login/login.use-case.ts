import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, type AgentRole } from '@switchboard/auth';
import type { OidcSignInUseCase, PasswordSignInUseCase, RefreshSessionUseCase } from '@switchboard/organisation';
import { AgentApiException, AgentApiExceptionCode } from '../../agent-api.exception';
import type { AgentRepository } from '../../agents/agent.repository';
import { toAgentView, type AgentView } from '../../agents/agent.view';
import type { LoginCommand } from './login.command';

export interface LoginResult {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds the access token lives (15 minutes): renew it with the refresh token. */
  readonly expiresIn: number;
  /** Used once: POST /auth/refresh answers a new pair; presenting a used one again ends the session. */
  readonly refreshToken: string;
  readonly refreshExpiresIn: number;
  readonly agent: AgentView;
}

interface Session {
  readonly agentId: string;
  readonly tenantId: string;
  readonly role: AgentRole;
  readonly sessionId: string;
  readonly refreshToken: string;
  readonly refreshExpiresIn: number;
}

/** Sign-in and renewal: a session (from @switchboard/organisation) plus a short-lived access token for it. */
export class LoginUseCase {
  constructor(
    private readonly agents: AgentRepository,
    private readonly signIn: PasswordSignInUseCase,
    private readonly refreshSession: RefreshSessionUseCase,
    private readonly singleSignOn: OidcSignInUseCase,
    private readonly jwtSecret: string,
    private readonly ttlSeconds = DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  ) {}

  async execute(command: LoginCommand): Promise<LoginResult> {
    return this.tokensFor(await this.signIn.execute(command));
  }

  async refresh(refreshToken: string): Promise<LoginResult> {
    return this.tokensFor(await this.refreshSession.execute(refreshToken));
  }

  /** The identity provider's redirect back: the same answer as a password sign-in. */
  async finishSingleSignOn(tenantSlug: string, callbackUrl: URL): Promise<LoginResult> {
    return this.tokensFor(await this.singleSignOn.finish(tenantSlug, callbackUrl));
  }

  private async tokensFor(session: Session): Promise<LoginResult> {
    const agent = await this.agents.findAgent(session.tenantId, session.agentId);
    if (!agent) throw new AgentApiException(AgentApiExceptionCode.InvalidCredentials, 'The account is not active.');
    const claims = { agentId: agent.id, tenantId: agent.tenantId, role: agent.role, sessionId: session.sessionId };
    return {
      accessToken: await issueAccessToken(this.jwtSecret, claims, this.ttlSeconds),
      tokenType: 'Bearer',
      expiresIn: this.ttlSeconds,
      refreshToken: session.refreshToken,
      refreshExpiresIn: session.refreshExpiresIn,
      agent: toAgentView(agent),
    };
  }
}
