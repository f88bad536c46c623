import type { AgentRole } from '@switchboard/auth';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import type { Agent } from '../agents/agent.repository';

/** Routing configuration is not ticket data: it is guarded by role, not by ticket visibility. */
export function requireRole(agent: Agent, roles: readonly AgentRole[]): Agent {
  if (!roles.includes(agent.role)) {
    throw new AgentApiException(AgentApiExceptionCode.Forbidden, `This needs the role ${roles.join(' or ')}.`);
  }
  return agent;
}
