import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, verifyPassword } from '@switchboard/auth';
import { AgentApiException, AgentApiExceptionCode } from '../../agent-api.exception';
import type { AgentRepository } from '../../agents/agent.repository';
import { toAgentView, type AgentView } from '../../agents/agent.view';
import type { LoginCommand } from './login.command';

export interface LoginResult {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
  readonly agent: AgentView;
}

export class LoginUseCase {
  constructor(
    private readonly agents: AgentRepository,
    private readonly jwtSecret: string,
    private readonly ttlSeconds = DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  ) {}

  /** Unknown tenant, unknown email and wrong password answer alike and cost the same scrypt. */
  async execute(command: LoginCommand): Promise<LoginResult> {
    const agent = await this.agents.findAgentForLogin(command.tenant, command.email);
    const passwordMatches = await verifyPassword(command.password, agent?.passwordHash);
    if (!agent || !passwordMatches) {
      throw new AgentApiException(AgentApiExceptionCode.InvalidCredentials, 'Tenant, email or password is wrong.');
    }
    const claims = { agentId: agent.id, tenantId: agent.tenantId, role: agent.role };
    const accessToken = await issueAccessToken(this.jwtSecret, claims, this.ttlSeconds);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlSeconds, agent: toAgentView(agent) };
  }
}
