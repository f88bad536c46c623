import type { AgentRole } from '@switchboard/auth';
import type { Agent } from './agent.repository';

export interface AgentView {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: AgentRole;
  readonly teamId: string | null;
}

export function toAgentView(agent: Agent): AgentView {
  return { id: agent.id, name: agent.name, email: agent.email, role: agent.role, teamId: agent.teamId };
}
