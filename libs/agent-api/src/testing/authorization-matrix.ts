import type { AgentRole, ApiKeyScope, TicketAction } from '@switchboard/auth';

/**
 * The authorization matrix's declarations: one line per route of the agent API, `METHOD /path` as
 * Fastify registers it. authorization-matrix.int-spec.ts collects the routes the app really
 * registers and fails for a route without a line here (and for a line without a route), then calls
 * every route as every role in every relation to a ticket and compares the answer with the line.
 *
 * A new endpoint adds one line:
 *   'GET /api/v1/tickets/:ref/sla': ticket('read'),          // the policy's rule on that ticket
 *   'POST /api/v1/webhooks': roles('admin'),                  // the route's @Roles
 *   'POST /api/v1/inbound/thing': open(),                     // no credentials at all
 *   'PUT /api/v1/webhooks/:id': roles('admin').key('webhooks:manage'), // and an API key with that scope
 *
 * API keys: a route refuses every key unless its line names the one scope it needs (`.key(...)`);
 * ticket routes name theirs already (tickets:read for GET, tickets:write otherwise).
 */
interface KeyedRule {
  /** The one API key scope that opens the route; none: every API key is refused. */
  readonly apiKey?: ApiKeyScope;
}

export type RouteRule =
  | { readonly kind: 'open' }
  | { readonly kind: 'portal' }
  | { readonly kind: 'service' }
  | (KeyedRule & { readonly kind: 'roles'; readonly roles: readonly AgentRole[] })
  | (KeyedRule & { readonly kind: 'ticket'; readonly action: TicketAction; readonly roles: readonly AgentRole[] });

type RolesRule = Extract<RouteRule, { kind: 'roles' }> & { key(scope: ApiKeyScope): RouteRule };

const EVERY_ROLE: readonly AgentRole[] = ['agent', 'team_lead', 'manager', 'admin'];

/** No credentials needed (login, the portal's code and link exchanges, a signed rating link). */
export const open = (): RouteRule => ({ kind: 'open' });
/** Customer-facing: a portal session only; an agent's token is refused. */
export const portal = (): RouteRule => ({ kind: 'portal' });
/** Channel services only: a request signed with the channel self-service key; no token is accepted. */
export const service = (): RouteRule => ({ kind: 'service' });
/** Any of these roles, in the caller's own tenant. */
export const roles = (...allowed: AgentRole[]): RolesRule => ({
  kind: 'roles',
  roles: allowed,
  key: (scope) => ({ kind: 'roles', roles: allowed, apiKey: scope }),
});
export const anyAgent = (): RolesRule => roles(...EVERY_ROLE);
/** A route of one ticket (`:ref`): the policy's `action` on that ticket decides, within `roles`. */
export const ticket = (action: TicketAction, allowed: readonly AgentRole[] = EVERY_ROLE): RouteRule => ({
  kind: 'ticket',
  action,
  roles: allowed,
  apiKey: action === 'read' ? 'tickets:read' : 'tickets:write',
});

/**
 * How the caller relates to the ticket of a ticket route. All callers sit in team Support of
 * department Front office; Billing is the other team of Front office; Field is in department Field service.
 */
export const relations = [
  'own', // assigned to the caller
  'same_team', // Support, assigned to a colleague
  'team_queue', // Support, unassigned
  'other_team', // Billing, same department
  'other_department', // Field
  'other_tenant', // a ticket of another tenant, by id
] as const;
export type Relation = (typeof relations)[number];

/** Expected, written by hand from issue #19 (not derived from the policy under test). */
const READ: Readonly<Record<AgentRole, readonly Relation[]>> = {
  agent: ['own', 'team_queue'],
  team_lead: ['own', 'same_team', 'team_queue'],
  manager: ['own', 'same_team', 'team_queue', 'other_team'],
  admin: ['own', 'same_team', 'team_queue', 'other_team', 'other_department'],
};

export const EXPECTED_TICKET_ACCESS: Readonly<Record<TicketAction, Readonly<Record<AgentRole, readonly Relation[]>>>> =
  {
    read: READ,
    work: READ,
    // Anyone may be asked to review a ticket of their own teams; the use-case checks the reviewer role.
    review: { ...READ, agent: ['own', 'same_team', 'team_queue'] },
    manage: { ...READ, agent: [] },
  };

export const ROUTE_MATRIX: Readonly<Record<string, RouteRule>> = {
  // Sign-in and session
  'POST /api/v1/auth/token': open(),
  'POST /api/v1/auth/refresh': open(),
  'POST /api/v1/auth/password': open(),
  'POST /api/v1/auth/logout': anyAgent(),
  'GET /api/v1/auth/oidc/:tenant/start': open(),
  'GET /api/v1/auth/oidc/:tenant/callback': open(),
  'PUT /api/v1/admin/oidc': roles('admin'),
  'GET /api/v1/me': anyAgent(),
  'PUT /api/v1/me/presence': anyAgent(),
  'POST /api/v1/me/heartbeat': anyAgent(),
  // Tickets
  'GET /api/v1/tickets': anyAgent().key('tickets:read'),
  'GET /api/v1/tickets/:ref': ticket('read'),
  'GET /api/v1/tickets/:ref/history': ticket('read'),
  'POST /api/v1/tickets/:ref/status': ticket('work'),
  'POST /api/v1/tickets/:ref/assign': ticket('work'),
  'POST /api/v1/tickets/:ref/transfer': ticket('work'),
  'POST /api/v1/tickets/:ref/review': ticket('review'),
  'POST /api/v1/tickets/:ref/replies': ticket('work'),
  'POST /api/v1/sms/segments': anyAgent(),
  'POST /api/v1/tickets/:ref/merge': ticket('work'),
  'POST /api/v1/tickets/:ref/split': ticket('work'),
  'GET /api/v1/tickets/:ref/links': ticket('read'),
  'POST /api/v1/tickets/:ref/links': ticket('work'),
  'DELETE /api/v1/tickets/:ref/links/:other/:kind': ticket('work'),
  'GET /api/v1/tickets/:ref/watchers': ticket('read'),
  'PUT /api/v1/tickets/:ref/watchers/me': ticket('work'),
  'DELETE /api/v1/tickets/:ref/watchers/me': ticket('work'),
  'GET /api/v1/tickets/:ref/fields': ticket('read'),
  'PUT /api/v1/tickets/:ref/fields': ticket('work'),
  'GET /api/v1/tickets/:ref/routing': ticket('read'),
  'GET /api/v1/tickets/:ref/appointments': ticket('read'),
  'POST /api/v1/tickets/:ref/appointments': ticket('work'),
  'PATCH /api/v1/tickets/:ref/appointments/:appointmentId': ticket('work'),
  'POST /api/v1/tickets/:ref/appointments/:appointmentId/cancel': ticket('work'),
  // Ticket types
  'GET /api/v1/ticket-types': anyAgent(),
  'GET /api/v1/ticket-types/:key': anyAgent(),
  'PUT /api/v1/ticket-types/:key': roles('admin'),
  // Customers
  'GET /api/v1/customers': anyAgent().key('tickets:read'),
  'GET /api/v1/customers/:id': anyAgent().key('tickets:read'),
  'PUT /api/v1/customers/:id': roles('manager', 'admin').key('customers:write'),
  'POST /api/v1/customers/:id/merge': roles('manager', 'admin').key('customers:write'),
  'POST /api/v1/customers/:id/unmerge': roles('manager', 'admin').key('customers:write'),
  'GET /api/v1/companies': anyAgent().key('tickets:read'),
  'POST /api/v1/companies': roles('manager', 'admin').key('customers:write'),
  // Routing
  'GET /api/v1/routing/rules': roles('admin'),
  'POST /api/v1/routing/rules': roles('admin'),
  'PUT /api/v1/routing/rules/:id': roles('admin'),
  'DELETE /api/v1/routing/rules/:id': roles('admin'),
  'GET /api/v1/routing/rules/:id/versions': roles('admin'),
  'GET /api/v1/routing/teams': roles('manager', 'admin'),
  'PUT /api/v1/routing/teams/:id': roles('admin'),
  'PUT /api/v1/routing/agents/:id/capacity': roles('admin'),
  'POST /api/v1/routing/dry-run': roles('manager', 'admin'),
  // Email channel administration
  'GET /api/v1/email/mailboxes': roles('admin'),
  'GET /api/v1/email/mailboxes/:id': roles('admin'),
  'POST /api/v1/email/mailboxes': roles('admin'),
  'PUT /api/v1/email/mailboxes/:id': roles('admin'),
  'DELETE /api/v1/email/mailboxes/:id': roles('admin'),
  // Self-service
  'GET /api/v1/self-service/settings': roles('manager', 'admin'),
  'PUT /api/v1/self-service/settings': roles('admin'),
  'POST /api/v1/portal/:tenant/codes': open(),
  'POST /api/v1/portal/:tenant/sessions': open(),
  'POST /api/v1/portal/links': open(),
  'POST /api/v1/portal/ratings': open(),
  'GET /api/v1/portal/tickets': portal(),
  'GET /api/v1/portal/tickets/:number': portal(),
  'POST /api/v1/portal/tickets/:number/messages': portal(),
  'GET /api/v1/portal/tickets/:number/messages/:messageId/attachments/:index': portal(),
  'POST /api/v1/portal/tickets/:number/rating': portal(),
  'GET /api/v1/portal/tenants/:tenant': open(),
  'POST /api/v1/channel-self-service/tickets': service(),
  'POST /api/v1/channel-self-service/ratings': service(),
  'POST /api/v1/channel-self-service/phone-status': service(),
  'GET /api/v1/portal/tenants/:tenant/submissions/:messageId': open(),
  // SLA
  'GET /api/v1/tickets/:ref/sla': ticket('read'),
  'GET /api/v1/sla/policies': roles('admin'),
  'POST /api/v1/sla/policies': roles('admin'),
  'GET /api/v1/sla/policies/:id': roles('admin'),
  'PUT /api/v1/sla/policies/:id': roles('admin'),
  'DELETE /api/v1/sla/policies/:id': roles('admin'),
  'GET /api/v1/sla/policies/:id/versions': roles('admin'),
  'GET /api/v1/sla/calendars': roles('admin'),
  'POST /api/v1/sla/calendars': roles('admin'),
  'GET /api/v1/sla/calendars/:id': roles('admin'),
  'PUT /api/v1/sla/calendars/:id': roles('admin'),
  'DELETE /api/v1/sla/calendars/:id': roles('admin'),
  'PUT /api/v1/sla/calendars/:id/days/:date': roles('admin'),
  'DELETE /api/v1/sla/calendars/:id/days/:date': roles('admin'),
  'POST /api/v1/sla/calendars/:id/import': roles('admin'),
  // Email: refused mails, attachments
  'GET /api/v1/email/rejected-mails': roles('admin'),
  'POST /api/v1/email/rejected-mails/:id/retry': roles('admin'),
  'GET /api/v1/tickets/:ref/messages/:messageId/attachments/:index': ticket('read'),
  // API channels
  'GET /api/v1/channels/api': roles('admin'),
  'POST /api/v1/channels/api': roles('admin'),
  'POST /api/v1/channels/api/:id/rotate-secret': roles('admin'),
  'GET /api/v1/channels/api/:id/deliveries': roles('admin'),
  'POST /api/v1/channels/api/:id/deliveries/:deliveryId/replay': roles('admin'),
  // Integrations: outbound webhooks, CRM, personal data
  'POST /api/v1/webhooks': roles('admin').key('webhooks:manage'),
  'GET /api/v1/webhooks': roles('admin').key('webhooks:manage'),
  'GET /api/v1/webhooks/:id': roles('admin').key('webhooks:manage'),
  'PATCH /api/v1/webhooks/:id': roles('admin').key('webhooks:manage'),
  'DELETE /api/v1/webhooks/:id': roles('admin').key('webhooks:manage'),
  'GET /api/v1/webhooks/:id/deliveries': roles('admin').key('webhooks:manage'),
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/replay': roles('admin').key('webhooks:manage'),
  'POST /api/v1/integrations/customer-sync': roles('manager', 'admin').key('customers:write'),
  'POST /api/v1/integrations/tickets': roles('manager', 'admin').key('tickets:write'),
  'GET /api/v1/integrations/tickets/:externalTicketId': roles('admin').key('tickets:read'),
  'GET /api/v1/integrations/customers/:externalCustomerId': roles('admin').key('tickets:read'),
  'GET /api/v1/customers/:id/personal-data': roles('admin'),
  'POST /api/v1/customers/:id/erasure': roles('admin'),
  // Organisation administration
  'GET /api/v1/admin/departments': roles('admin'),
  'POST /api/v1/admin/departments': roles('admin'),
  'PUT /api/v1/admin/departments/:id': roles('admin'),
  'POST /api/v1/admin/teams': roles('admin'),
  'PUT /api/v1/admin/teams/:id/department': roles('admin'),
  'GET /api/v1/admin/audit': roles('admin'),
  'GET /api/v1/admin/users': roles('admin'),
  'POST /api/v1/admin/users': roles('admin'),
  'PUT /api/v1/admin/users/:id': roles('admin'),
  'POST /api/v1/admin/users/:id/deactivate': roles('admin'),
  'POST /api/v1/admin/users/:id/reset-password': roles('admin'),
  'GET /api/v1/admin/api-keys': roles('admin'),
  'POST /api/v1/admin/api-keys': roles('admin'),
  'DELETE /api/v1/admin/api-keys/:id': roles('admin'),
};
