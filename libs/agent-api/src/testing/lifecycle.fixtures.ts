import { decodeTicketEvent, type TicketEvent } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import type { AgentRole } from '@switchboard/auth';
import { factory } from './agent-api.factory';
import type { AgentApiHarness } from './agent-api.harness';
import { TEST_PASSWORD } from './agent-api.world';

export interface LifecycleTicket {
  readonly id: string;
  readonly number: string;
}

export interface TicketFixture {
  readonly team?: 'support' | 'billing' | null;
  readonly assignee?: 'alice' | 'bob' | 'carol' | 'dana' | null;
  readonly status?: string;
  readonly typeId?: string;
  readonly incomplete?: boolean;
  readonly closedAt?: string;
  readonly archivedAt?: string;
}

let sequence = 0;

/** Inserts one demo-tenant ticket with its own number (LC-000001, ...), shaped as the test needs it. */
export async function lifecycleTicket(harness: AgentApiHarness, fixture: TicketFixture = {}): Promise<LifecycleTicket> {
  const { db, world } = harness;
  sequence += 1;
  const number = `LC-${String(sequence).padStart(6, '0')}`;
  const [customer] = await db.query<{ id: string }>(`SELECT id FROM customers WHERE tenant_id = $1 LIMIT 1`, [
    world.demoTenantId,
  ]);
  if (!customer) throw new Error('The demo world has no customer');
  const team = fixture.team === undefined ? 'support' : fixture.team;
  const assignee = fixture.assignee === undefined ? 'alice' : fixture.assignee;
  const id = await factory.ticket(db, {
    tenantId: world.demoTenantId,
    customerId: customer.id,
    number,
    createdAt: '2026-02-01T10:00:00Z',
    teamId: team === null ? null : world.teams[team],
    assigneeId: assignee === null ? null : world.agents[assignee],
    status: fixture.status ?? (assignee === null ? 'new' : 'assigned'),
  });
  await db.query(`UPDATE tickets SET type_id = $2, incomplete = $3, closed_at = $4, archived_at = $5 WHERE id = $1`, [
    id,
    fixture.typeId ?? null,
    fixture.incomplete ?? false,
    fixture.closedAt ?? null,
    fixture.archivedAt ?? null,
  ]);
  return { id, number };
}

/** A ticket type of the demo tenant that needs a reviewer of `reviewerRole` or above before resolving. */
export async function reviewedTicketType(harness: AgentApiHarness, reviewerRole: AgentRole): Promise<string> {
  const id = newId();
  await harness.db.query(
    `INSERT INTO ticket_types (id, tenant_id, key, name, review_required, reviewer_role) VALUES ($1, $2, $3, $4, true, $5)`,
    [id, harness.world.demoTenantId, `reviewed-${reviewerRole}-${id.slice(-8)}`, 'Refund', reviewerRole],
  );
  return id;
}

/** One more demo-tenant agent (or manager) in a team, logged in; returns the agent id and a token. */
export async function extraAgent(
  harness: AgentApiHarness,
  name: string,
  role: AgentRole,
  team: 'support' | 'billing',
): Promise<{ id: string; token: string }> {
  const email = `${name}@demo.switchboard.local`;
  const id = await factory.agent(harness.db, {
    tenantId: harness.world.demoTenantId,
    teamId: harness.world.teams[team],
    email,
    role,
    password: TEST_PASSWORD,
  });
  return { id, token: await harness.api.tokenFor(email, TEST_PASSWORD) };
}

/** The agents' load counters, as routing reads them. */
export async function loadsOf(harness: AgentApiHarness, ...agentIds: string[]): Promise<number[]> {
  const loads = await harness.capacity.loads(harness.world.demoTenantId, agentIds);
  return agentIds.map((agentId) => loads.get(agentId) ?? 0);
}

/** The ticket events the outbox holds for a ticket (nothing relays them in the harness), oldest first. */
export async function outboxEventsOf(harness: AgentApiHarness, ticketId: string): Promise<TicketEvent['payload'][]> {
  const rows = await harness.db.query<{ payload: Buffer }>(`SELECT payload FROM outbox WHERE key = $1 ORDER BY id`, [
    ticketId,
  ]);
  return rows.map((row) => decodeTicketEvent(new Uint8Array(row.payload)).payload);
}
