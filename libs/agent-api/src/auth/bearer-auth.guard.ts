import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthException, AuthExceptionCode, verifyAccessToken, type AccessTokenClaims } from '@switchboard/auth';
import { assertUnreachable } from '@switchboard/errors';
import { AccountSessionUseCase, API_KEY_PREFIX, ApiKeysUseCase } from '@switchboard/organisation';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import { AgentRepository } from '../agents/agent.repository';
import { rememberApiKey, rememberAuthenticatedAgent } from './authenticated-agent';
import { JWT_SECRET } from './jwt-secret';

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)[ ]*$/i;
const REALM = 'Bearer realm="switchboard"';

function toAgentApiCode(code: AuthExceptionCode): AgentApiExceptionCode {
  switch (code) {
    case AuthExceptionCode.TokenExpired:
      return AgentApiExceptionCode.TokenExpired;
    case AuthExceptionCode.InvalidToken:
    case AuthExceptionCode.InvalidCredentials:
      return AgentApiExceptionCode.InvalidToken;
    default:
      return assertUnreachable(code, 'auth exception code');
  }
}

function rejectToken(reply: FastifyReply, code: AgentApiExceptionCode, message: string): AgentApiException {
  // RFC 6750 section 3: a 401 names the scheme, and the error when a token was presented.
  reply.header(
    'www-authenticate',
    code === AgentApiExceptionCode.Unauthorized ? REALM : `${REALM}, error="invalid_token"`,
  );
  return new AgentApiException(code, message);
}

/**
 * Authenticates `Authorization: Bearer <jwt>` and loads the agent it names, in the tenant it names, as
 * the database knows them now (a deleted or deactivated agent's token, or one of a revoked session, stops
 * working at once). @CurrentAgent() reads it.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly agents: AgentRepository,
    private readonly sessions: AccountSessionUseCase,
    private readonly apiKeys: ApiKeysUseCase,
    @Inject(JWT_SECRET) private readonly jwtSecret: string,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) {
      throw rejectToken(reply, AgentApiExceptionCode.Unauthorized, 'Send Authorization: Bearer <access token>.');
    }
    if (token.startsWith(API_KEY_PREFIX)) return this.authenticateApiKey(request, reply, token);
    const claims = await this.verifiedClaims(token, reply);
    const agent = await this.agents.findAgent(claims.tenantId, claims.agentId);
    if (!agent) throw rejectToken(reply, AgentApiExceptionCode.InvalidToken, 'The access token names no agent.');
    // Logout and refresh-token reuse end the session at once, not when its access tokens expire.
    if (claims.sessionId && !(await this.sessions.isActive(agent.tenantId, claims.sessionId))) {
      throw rejectToken(reply, AgentApiExceptionCode.InvalidToken, 'The session of this token has ended.');
    }
    rememberAuthenticatedAgent(request, agent, claims.sessionId);
    return true;
  }

  /** An API key acts as the admin who created it (a deactivated creator's keys stop), within its scopes. */
  private async authenticateApiKey(request: FastifyRequest, reply: FastifyReply, key: string): Promise<boolean> {
    const principal = await this.apiKeys.authenticate(key);
    const creator = principal ? await this.agents.findAgent(principal.tenantId, principal.createdBy) : undefined;
    if (!principal || !creator) {
      throw rejectToken(reply, AgentApiExceptionCode.InvalidToken, 'The API key is not valid or was revoked.');
    }
    rememberAuthenticatedAgent(request, { ...creator, role: 'admin', access: { ...creator.access, role: 'admin' } });
    rememberApiKey(request, principal);
    return true;
  }

  private async verifiedClaims(token: string, reply: FastifyReply): Promise<AccessTokenClaims> {
    try {
      return await verifyAccessToken(this.jwtSecret, token);
    } catch (error) {
      if (error instanceof AuthException) throw rejectToken(reply, toAgentApiCode(error.code), error.message);
      throw error;
    }
  }
}
