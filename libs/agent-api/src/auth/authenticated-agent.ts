import type { FastifyRequest } from 'fastify';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import type { Agent } from '../agents/agent.repository';

// A WeakMap instead of a request decorator: typed without widening Fastify's global request type.
const agentsByRequest = new WeakMap<FastifyRequest, Agent>();

export function rememberAuthenticatedAgent(request: FastifyRequest, agent: Agent): void {
  agentsByRequest.set(request, agent);
}

/** The agent BearerAuthGuard authenticated for this request. */
export function authenticatedAgentOf(request: FastifyRequest): Agent {
  const agent = agentsByRequest.get(request);
  if (!agent) throw new AgentApiException(AgentApiExceptionCode.Unauthorized, 'Authentication is required.');
  return agent;
}
