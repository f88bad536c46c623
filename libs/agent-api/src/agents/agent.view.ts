import type { AgentRole } from '@switchboard/auth';
import type { Agent } from './agent.repository';

export interface AgentView {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: AgentRole;
  /** The primary team. */
  readonly teamId: string | null;
  /** Every team the agent belongs to. */
  readonly teamIds: readonly string[];
}

export function toAgentView(agent: Agent): AgentView {
  return {
    id: agent.id,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    teamId: agent.teamId,
    teamIds: agent.access.teamIds,
  };
}
