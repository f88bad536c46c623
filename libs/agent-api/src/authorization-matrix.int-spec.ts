import type { RouteOptions } from 'fastify';
import type { AgentRole, ApiKeyScope } from '@switchboard/auth';
import { newId } from '@switchboard/ids';
import { startAgentApiHarness, type AgentApiHarness } from './testing/agent-api.harness';
import {
  EXPECTED_TICKET_ACCESS,
  relations,
  ROUTE_MATRIX,
  type Relation,
  type RouteRule,
} from './testing/authorization-matrix';
import { buildMatrixWorld, type MatrixWorld } from './testing/authorization-matrix.world';

const ROLES: readonly AgentRole[] = ['agent', 'team_lead', 'manager', 'admin'];

interface Answer {
  readonly status: number;
  readonly code: string | undefined;
}

/** A refusal of the policy layer: no or a bad token, a role the route lacks, a ticket one may not act on. */
const refused = (answer: Answer): boolean =>
  answer.status === 401 || answer.status === 403 || (answer.status === 404 && answer.code === 'ticket_not_found');

function urlOf(route: string, ticketId: string): string {
  return route
    .replace(':ref', ticketId)
    .replace(':other', ticketId)
    .replace(':kind', 'related')
    .replace(':key', 'no-such-type')
    .replace(':tenant', 'demo')
    .replace(':number', 'SB-000001')
    .replace(/:[a-zA-Z]+/g, () => newId());
}

describe('authorization matrix: every route × every role × every relation, on real Postgres', () => {
  let harness: AgentApiHarness;
  let world: MatrixWorld;
  const registered = new Set<string>();

  beforeAll(async () => {
    harness = await startAgentApiHarness('authorization_matrix', {
      beforeInit: (app) => {
        app
          .getHttpAdapter()
          .getInstance()
          .addHook('onRoute', (route: RouteOptions) => {
            const methods = Array.isArray(route.method) ? route.method : [route.method];
            for (const method of methods) {
              if (method !== 'HEAD' && route.url.startsWith('/api/v1/')) registered.add(`${method} ${route.url}`);
            }
          });
      },
    });
    world = await buildMatrixWorld(harness);
  });
  afterAll(() => harness.close());

  async function call(key: string, ticketId: string, token?: string): Promise<Answer> {
    const [method = 'GET', route = ''] = key.split(' ');
    const response = await harness.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: method as 'GET',
        url: urlOf(route, ticketId),
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
      });
    const body: unknown = response.body ? JSON.parse(response.body) : undefined;
    const error: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'error') : undefined;
    const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
    return { status: response.statusCode, code: typeof code === 'string' ? code : undefined };
  }

  /** Every cell of one route whose answer differs from the matrix, as `role relation: expected, got`. */
  async function mismatches(key: string, rule: RouteRule): Promise<{ found: string[]; cells: number }> {
    const found: string[] = [];
    let cells = 0;
    const check = (cell: string, allowed: boolean, answer: Answer): void => {
      cells += 1;
      if (allowed === !refused(answer)) return;
      found.push(
        `${key} ${cell}: ${allowed ? 'unexpected refusal' : 'UNEXPECTED ALLOW'} ${answer.status} ${answer.code ?? ''}`,
      );
    };
    const anyTicket = world.ticketOf('admin', 'own');
    /** Only a key with the route's one scope passes; a revoked key never does. */
    const checkApiKeys = async (scope: ApiKeyScope | undefined, ticketId: string): Promise<void> => {
      for (const [held, token] of Object.entries(world.apiKeys.single)) {
        check(`api key ${held}`, held === scope, await call(key, ticketId, token));
      }
      check('api key (every scope)', scope !== undefined, await call(key, ticketId, world.apiKeys.all));
      check('api key (revoked)', false, await call(key, ticketId, world.apiKeys.revoked));
    };
    switch (rule.kind) {
      case 'open':
        check('anonymous', true, await call(key, anyTicket));
        return { found, cells };
      case 'portal':
      case 'service':
        check('anonymous', false, await call(key, anyTicket));
        for (const role of ROLES) check(`${role} (agent token)`, false, await call(key, anyTicket, world.tokens[role]));
        check('api key', false, await call(key, anyTicket, world.apiKeys.all));
        return { found, cells };
      case 'roles':
        check('anonymous', false, await call(key, anyTicket));
        for (const role of ROLES)
          check(role, rule.roles.includes(role), await call(key, anyTicket, world.tokens[role]));
        return { found, cells };
      case 'ticket':
        check('anonymous', false, await call(key, anyTicket));
        for (const role of ROLES) {
          for (const relation of relations) {
            const allowed = rule.roles.includes(role) && EXPECTED_TICKET_ACCESS[rule.action][role].includes(relation);
            check(`${role} ${relation}`, allowed, await call(key, world.ticketOf(role, relation), world.tokens[role]));
          }
        }
        await checkApiKeys(rule.apiKey, world.ticketOf('agent', 'other_department'));
        // A key is of one tenant: the other tenant's ticket stays out of reach whatever its scopes.
        check(
          'api key (every scope) other_tenant',
          false,
          await call(key, world.ticketOf('admin', 'other_tenant'), world.apiKeys.all),
        );
        return { found, cells };
    }
  }

  it('has one entry for every registered route, and no entry without a route', () => {
    expect([...registered].filter((route) => !Object.hasOwn(ROUTE_MATRIX, route)).sort()).toEqual([]);
    expect(Object.keys(ROUTE_MATRIX).filter((route) => !registered.has(route))).toEqual([]);
  });

  it('answers every cell as the matrix says: zero unexpected allows, zero unexpected refusals', async () => {
    const found: string[] = [];
    let cells = 0;
    for (const [key, rule] of Object.entries(ROUTE_MATRIX)) {
      if (!registered.has(key)) continue;
      const result = await mismatches(key, rule);
      cells += result.cells;
      found.push(...result.found);
    }
    expect(found).toEqual([]);
    // Every route: anonymous plus 4 roles, or 4 roles × 6 relations for a ticket route.
    expect(cells).toBeGreaterThan(Object.keys(ROUTE_MATRIX).length * 5);
    // About 1,250 requests, one after the other: on the embedded engine (one session) that takes minutes.
  }, 600_000);

  // An agent's list defaults to their own tickets, so the queue is asked for too.
  it.each(ROLES)('lists for a %s exactly the tickets the policy lets them read (the SQL scope)', async (role) => {
    const answer = await harness.api.get<{ tickets: { id: string }[] }>(
      '/api/v1/tickets?limit=200',
      world.tokens[role],
    );
    const queue = await harness.api.get<{ tickets: { id: string }[] }>(
      '/api/v1/tickets?assignee=unassigned&limit=200',
      world.tokens[role],
    );
    const home = world.homeTickets(role);
    const seen = new Set<Relation>();
    for (const { id } of [...answer.body.tickets, ...queue.body.tickets]) {
      const relation = home.get(id);
      if (relation) seen.add(relation);
    }
    const expected = EXPECTED_TICKET_ACCESS.read[role].filter((relation) => relation !== 'other_tenant');
    expect([...seen].sort()).toEqual([...expected].sort());
  });
});
