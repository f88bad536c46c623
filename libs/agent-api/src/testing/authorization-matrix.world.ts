import { apiKeyScopes, issueAccessToken, type AgentRole, type ApiKeyScope } from '@switchboard/auth';
import { newId } from '@switchboard/ids';
import type { AgentApiHarness } from './agent-api.harness';
import { factory } from './agent-api.factory';
import type { Relation } from './authorization-matrix';

export interface MatrixWorld {
  /** An access token per role; every caller's primary (and only) team is Support. */
  readonly tokens: Readonly<Record<AgentRole, string>>;
  /** The ticket id of each relation, per caller role (`own` differs per caller). */
  readonly ticketOf: (role: AgentRole, relation: Relation) => string;
  /** Every demo-tenant ticket of the matrix, per role, by relation. */
  readonly homeTickets: (role: AgentRole) => ReadonlyMap<string, Relation>;
  /** An API key of the demo tenant per single scope, one with every scope, and a revoked one. */
  readonly apiKeys: {
    readonly single: Readonly<Record<ApiKeyScope, string>>;
    readonly all: string;
    readonly revoked: string;
  };
}

async function apiKey(harness: AgentApiHarness, scopes: readonly ApiKeyScope[]): Promise<{ id: string; key: string }> {
  const answer = await harness.api.postAs<{ id: string; key: string }>('/api/v1/admin/api-keys', harness.tokens.dana, {
    name: `matrix ${scopes.join(' ')}`,
    scopes: [...scopes],
  });
  if (answer.status !== 201) throw new Error(`Creating an API key answered ${answer.status}`);
  return answer.body;
}

async function apiKeys(harness: AgentApiHarness): Promise<MatrixWorld['apiKeys']> {
  const single = {} as Record<ApiKeyScope, string>;
  for (const scope of apiKeyScopes) single[scope] = (await apiKey(harness, [scope])).key;
  const revoked = await apiKey(harness, apiKeyScopes);
  await harness.api.deleteAs(`/api/v1/admin/api-keys/${revoked.id}`, harness.tokens.dana);
  return { single, all: (await apiKey(harness, apiKeyScopes)).key, revoked: revoked.key };
}

const ROLES: readonly AgentRole[] = ['agent', 'team_lead', 'manager', 'admin'];

async function department(harness: AgentApiHarness, name: string, teamIds: string[]): Promise<void> {
  const id = newId();
  const tenantId = harness.world.demoTenantId;
  await harness.db.query(`INSERT INTO departments (id, tenant_id, name) VALUES ($1, $2, $3)`, [id, tenantId, name]);
  await harness.db.query(`UPDATE teams SET department_id = $1 WHERE tenant_id = $2 AND id = ANY($3::uuid[])`, [
    id,
    tenantId,
    teamIds,
  ]);
}

/**
 * On the harness's demo tenant: departments Front office (Support, Billing) and Field service (Field),
 * one caller per role in Support, and a ticket for every relation. Tokens are minted without a
 * session, so the matrix's call of POST /auth/logout ends nothing.
 */
export async function buildMatrixWorld(harness: AgentApiHarness): Promise<MatrixWorld> {
  const tenantId = harness.world.demoTenantId;
  const { support, billing } = harness.world.teams;
  const field = await factory.team(harness.db, tenantId, 'Field');
  await department(harness, 'Front office', [support, billing]);
  await department(harness, 'Field service', [field]);
  const customerId = await factory.customer(harness.db, tenantId, 'Matrix Customer');
  let sequence = 0;
  const ticketIn = (teamId: string, assigneeId: string | null): Promise<string> =>
    factory.ticket(harness.db, {
      tenantId,
      customerId,
      number: `MX-${String(++sequence).padStart(6, '0')}`,
      createdAt: '2026-02-01T10:00:00Z',
      teamId,
      assigneeId,
    });
  const agentIn = (role: AgentRole, teamId: string, email: string): Promise<string> =>
    factory.agent(harness.db, { tenantId, teamId, role, email, password: 'matrix password' });

  const callers = new Map<AgentRole, string>();
  const own = new Map<AgentRole, string>();
  for (const role of ROLES) {
    const id = await agentIn(role, support, `matrix-${role}@demo.switchboard.local`);
    callers.set(role, id);
    own.set(role, await ticketIn(support, id));
  }
  const colleague = await agentIn('agent', support, 'matrix-colleague@demo.switchboard.local');
  const billingAgent = await agentIn('agent', billing, 'matrix-billing@demo.switchboard.local');
  const fieldAgent = await agentIn('agent', field, 'matrix-field@demo.switchboard.local');
  const shared: Record<Exclude<Relation, 'own'>, string> = {
    same_team: await ticketIn(support, colleague),
    team_queue: await ticketIn(support, null),
    other_team: await ticketIn(billing, billingAgent),
    other_department: await ticketIn(field, fieldAgent),
    other_tenant: [...harness.world.otherTenantTickets.values()][0] ?? '',
  };
  const tokens = {} as Record<AgentRole, string>;
  for (const role of ROLES) {
    tokens[role] = await issueAccessToken(harness.jwtSecret, { agentId: callers.get(role) ?? '', tenantId, role });
  }
  const ticketOf = (role: AgentRole, relation: Relation): string =>
    relation === 'own' ? (own.get(role) ?? '') : shared[relation];
  const homeTickets = (role: AgentRole): Map<string, Relation> => {
    const map = new Map<string, Relation>([[ticketOf(role, 'own'), 'own']]);
    for (const [relation, id] of Object.entries(shared))
      if (relation !== 'other_tenant') map.set(id, relation as Relation);
    for (const other of ROLES) if (other !== role) map.set(ticketOf(other, 'own'), 'same_team');
    return map;
  };
  return { tokens, ticketOf, homeTickets, apiKeys: await apiKeys(harness) };
}
