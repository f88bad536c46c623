import type { RouteOptions } from 'fastify';
import { setupOpenApi } from '@switchboard/http';
import { ROUTE_MATRIX } from './testing/authorization-matrix';
import { startAgentApiHarness, type AgentApiHarness } from './testing/agent-api.harness';

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
/** The document's own routes (Swagger UI and the JSON), not operations of the agent API. */
const isDocsRoute = (url: string): boolean => url.startsWith('/docs') || url === '/api/v1/openapi.json';
const asOpenApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function resolvePointer(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? Reflect.get(node, key) : undefined;
  }
  return node;
}

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

function operationsOf(document: Json): Map<string, Json> {
  const operations = new Map<string, Json>();
  for (const [path, item] of Object.entries(document['paths'] as Record<string, Json>)) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (operation) operations.set(`${method.toUpperCase()} ${path}`, operation);
    }
  }
  return operations;
}

describe('agent API OpenAPI document', () => {
  let harness: AgentApiHarness;
  let document: Json;
  const registered = new Set<string>();

  beforeAll(async () => {
    harness = await startAgentApiHarness('agent_api_openapi', {
      beforeInit: (app) => {
        setupOpenApi(app, { title: 'Switchboard agent API' });
        app
          .getHttpAdapter()
          .getInstance()
          .addHook('onRoute', (route: RouteOptions) => {
            const methods = Array.isArray(route.method) ? route.method : [route.method];
            for (const method of methods) {
              if (method !== 'HEAD' && !isDocsRoute(route.url)) registered.add(`${method} ${asOpenApiPath(route.url)}`);
            }
          });
      },
    });
    const answer = await harness.api.get<Json>('/api/v1/openapi.json');
    expect(answer.status).toBe(200);
    document = answer.body;
  });
  afterAll(() => harness.close());

  it('is an OpenAPI 3 document whose every operation documents its success and its errors', () => {
    expect(document['openapi']).toMatch(/^3\.\d+\.\d+$/);
    expect(document['info']).toMatchObject({ title: 'Switchboard agent API' });
    for (const [name, operation] of operationsOf(document)) {
      const responses = Object.keys((operation['responses'] as Json | undefined) ?? {});
      const success = responses.some((status) => /^2\d\d$/.test(status));
      const errors = responses.some((status) => /^4\d\d$/.test(status));
      expect({ name, success, errors }).toEqual({ name, success: true, errors: true });
    }
  });

  it('resolves every $ref', () => {
    const refs = refsIn(document);
    const unresolved = refs.filter((ref) => resolvePointer(document, ref) === undefined);
    expect(unresolved).toEqual([]);
  });

  it('documents every route Fastify registered, and nothing else', () => {
    expect(registered.size).toBeGreaterThan(40);
    expect([...operationsOf(document).keys()].sort()).toEqual([...registered].sort());
  });

  // Open: the login, and the customers' ways in (a code, a signed link, a signed rating link).
  // The open routes are the authorization matrix's (one declaration per route).
  const OPEN = new Set(
    Object.entries(ROUTE_MATRIX)
      .filter(([, rule]) => rule.kind === 'open')
      .map(([route]) => route.replace(/:([a-zA-Z]+)/g, '{$1}')),
  );

  it('names each path parameter, and asks for a bearer token everywhere but the open routes', () => {
    for (const [name, operation] of operationsOf(document)) {
      const path = name.split(' ')[1] ?? '';
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      const parameters = ((operation['parameters'] as Json[] | undefined) ?? []).filter((p) => p['in'] === 'path');
      expect({ name, params: parameters.map((p) => p['name']).sort() }).toEqual({ name, params: inPath });
      const secured = Array.isArray(operation['security']) && operation['security'].length > 0;
      expect({ name, secured }).toEqual({ name, secured: !OPEN.has(name) });
    }
  });

  it('documents the login body from its zod schema, and its 400, 401 and 429 answers', () => {
    const login = operationsOf(document).get('POST /api/v1/auth/token');
    expect(login?.['requestBody']).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', required: ['tenant', 'email', 'password'] } } },
    });
    expect(Object.keys((login?.['responses'] as Json | undefined) ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '429']),
    );
  });
});
