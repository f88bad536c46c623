/** What an integration's API key may do (issue #19). */
export const apiKeyScopes = ['tickets:read', 'tickets:write', 'customers:write', 'webhooks:manage'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/**
 * The scope each part of the agent API needs from an API key, by path and method (reading or
 * writing). A route outside this table refuses API keys, so a new admin route is closed to
 * integrations until a line here opens it.
 */
const SCOPED_PATHS: readonly { path: RegExp; read: ApiKeyScope; write: ApiKeyScope }[] = [
  { path: /^\/api\/v1\/tickets(\/|$)/, read: 'tickets:read', write: 'tickets:write' },
  { path: /^\/api\/v1\/integrations\/customer-sync$/, read: 'customers:write', write: 'customers:write' },
  { path: /^\/api\/v1\/integrations\/(tickets|customers)(\/|$)/, read: 'tickets:read', write: 'tickets:write' },
  { path: /^\/api\/v1\/(customers|companies)(\/|$)/, read: 'tickets:read', write: 'customers:write' },
  { path: /^\/api\/v1\/webhooks(\/|$)/, read: 'webhooks:manage', write: 'webhooks:manage' },
];

/** A customer's whole personal data, export or erasure: an admin in person, never an integration's key. */
const ADMIN_ONLY = /^\/api\/v1\/customers\/[^/]+\/(personal-data|erasure)$/;

/** The scope a route (its pattern, e.g. `/api/v1/tickets/:ref`) needs; undefined: no API key may call it. */
export function apiKeyScopeFor(method: string, routePattern: string): ApiKeyScope | undefined {
  if (ADMIN_ONLY.test(routePattern)) return undefined;
  const entry = SCOPED_PATHS.find(({ path }) => path.test(routePattern));
  if (!entry) return undefined;
  return method === 'GET' || method === 'HEAD' ? entry.read : entry.write;
}
