import type { AgentRole } from '@switchboard/auth';

export const demoTenantSlug = 'demo';
/** Printed at start-up so a first-time user can log in; the demo tenant is for local use only. */
export const DEMO_PASSWORD = 'switchboard';

export interface DemoTeam {
  readonly name: string;
  readonly strategy: 'least_loaded' | 'round_robin' | 'sticky';
}

export interface DemoAgent {
  readonly email: string;
  readonly name: string;
  readonly role: AgentRole;
  /** Null for the administrator: in no team, so routing never hands it tickets. */
  readonly team: string | null;
}

export interface DemoRoutingRule {
  readonly position: number;
  readonly name: string;
  readonly conditions: Readonly<Record<string, readonly string[]>>;
  readonly team: string;
  readonly priority: 'low' | 'normal' | 'high' | 'urgent' | null;
}

export const demoTenant = {
  slug: demoTenantSlug,
  name: 'Demo Company',
  ticketPrefix: 'SB',
  teams: [
    { name: 'Support', strategy: 'least_loaded' },
    { name: 'Billing', strategy: 'least_loaded' },
  ] satisfies readonly DemoTeam[],
  agents: [
    { email: 'alice@demo.switchboard.local', name: 'Alice Chen', role: 'agent', team: 'Support' },
    { email: 'bob@demo.switchboard.local', name: 'Bob Li', role: 'agent', team: 'Support' },
    { email: 'carol@demo.switchboard.local', name: 'Carol Wang', role: 'manager', team: 'Billing' },
    // So a newcomer can try what only admins may: routing rules, teams, ticket types, mailboxes.
    { email: 'admin@demo.switchboard.local', name: 'Dana Zhou', role: 'admin', team: null },
  ] satisfies readonly DemoAgent[],
  agentPresence: 'online',
  agentCapacity: 20,
  routingRules: [
    { position: 1, name: 'Billing questions', conditions: { category: ['billing'] }, team: 'Billing', priority: null },
    { position: 2, name: 'Everything else', conditions: {}, team: 'Support', priority: null },
  ] satisfies readonly DemoRoutingRule[],
} as const;
