import type { FastifyRequest } from 'fastify';
import type { ApiKeyPrincipal } from '@switchboard/organisation';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import type { Agent } from '../agents/agent.repository';

// A WeakMap instead of a request decorator: typed without widening Fastify's global request type.
const agentsByRequest = new WeakMap<FastifyRequest, Agent>();
const sessionsByRequest = new WeakMap<FastifyRequest, string>();
const apiKeysByRequest = new WeakMap<FastifyRequest, ApiKeyPrincipal>();

/** The request came with an API key: it acts as its creating admin, within the key's scopes. */
export function rememberApiKey(request: FastifyRequest, key: ApiKeyPrincipal): void {
  apiKeysByRequest.set(request, key);
}

export function apiKeyOf(request: FastifyRequest): ApiKeyPrincipal | undefined {
  return apiKeysByRequest.get(request);
}

export function rememberAuthenticatedAgent(request: FastifyRequest, agent: Agent, sessionId?: string): void {
  agentsByRequest.set(request, agent);
  if (sessionId) sessionsByRequest.set(request, sessionId);
}

/** The sign-in session of the request's access token (tokens minted without one have none). */
export function sessionOf(request: FastifyRequest): string | undefined {
  return sessionsByRequest.get(request);
}

/** The agent BearerAuthGuard authenticated for this request. */
export function authenticatedAgentOf(request: FastifyRequest): Agent {
  const agent = agentsByRequest.get(request);
  if (!agent) throw new AgentApiException(AgentApiExceptionCode.Unauthorized, 'Authentication is required.');
  return agent;
}
