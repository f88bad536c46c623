import type { FastifyRequest } from 'fastify';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import type { Agent } from '../agents/agent.repository';

// A WeakMap instead of a request decorator: typed without widening Fastify's global request type.
const agentsByRequest = new WeakMap<FastifyRequest, Agent>();
const sessionsByRequest = new WeakMap<FastifyRequest, string>();

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
