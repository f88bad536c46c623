import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AuthException, AuthExceptionCode, verifyAccessToken, type AccessTokenClaims } from '@switchboard/auth';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import type { AgentRepository } from '../agents/agent.repository';
import { rememberAuthenticatedAgent } from './authenticated-agent';

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)[ ]*$/i;
const REALM = 'Bearer realm="switchboard"';

function toAgentApiCode(code: AuthExceptionCode): AgentApiExceptionCode {
  switch (code) {
    case AuthExceptionCode.TokenExpired:
      return AgentApiExceptionCode.TokenExpired;
    case AuthExceptionCode.InvalidToken:
    case AuthExceptionCode.InvalidCredentials:
      return AgentApiExceptionCode.InvalidToken;
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped auth exception code: ${String(unmapped)}`);
    }
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

async function verifiedClaims(jwtSecret: string, token: string, reply: FastifyReply): Promise<AccessTokenClaims> {
  try {
    return await verifyAccessToken(jwtSecret, token);
  } catch (error) {
    if (error instanceof AuthException) throw rejectToken(reply, toAgentApiCode(error.code), error.message);
    throw error;
  }
}

/** Authenticates `Authorization: Bearer <jwt>` and loads the agent it names, in the tenant it names. */
export function bearerTokenPreHandler(agents: AgentRepository, jwtSecret: string): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) {
      throw rejectToken(reply, AgentApiExceptionCode.Unauthorized, 'Send Authorization: Bearer <access token>.');
    }
    const claims = await verifiedClaims(jwtSecret, token, reply);
    const agent = await agents.findAgent(claims.tenantId, claims.agentId);
    if (!agent) throw rejectToken(reply, AgentApiExceptionCode.InvalidToken, 'The access token names no agent.');
    rememberAuthenticatedAgent(request, agent);
  };
}
