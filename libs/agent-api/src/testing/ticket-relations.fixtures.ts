import { Headers } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { factory } from './agent-api.factory';
import type { AgentApiHarness } from './agent-api.harness';

export interface RelationTicket {
  readonly id: string;
  readonly number: string;
}

export interface RelationTicketFixture {
  readonly team?: 'support' | 'billing';
  readonly assignee?: 'alice' | 'bob' | 'carol' | null;
  readonly status?: string;
  readonly archivedAt?: string;
}

let sequence = 0;

/**
 * The world's tickets were inserted with fixed numbers (SB-000001 …) without taking them from the
 * tenant's sequence; a split takes its number from there, so move the sequence past them first.
 */
export async function advanceTicketNumbers(harness: AgentApiHarness, past = 1000): Promise<void> {
  await harness.db.query(`SELECT setval(ticket_number_sequence($1)::regclass, $2)`, [harness.world.demoTenantId, past]);
}

/** One demo-tenant ticket with its own number (RT-000001, …): Support, Alice, assigned unless told otherwise. */
export async function relationTicket(
  harness: AgentApiHarness,
  fixture: RelationTicketFixture = {},
): Promise<RelationTicket> {
  const { db, world } = harness;
  sequence += 1;
  const number = `RT-${String(sequence).padStart(6, '0')}`;
  const [customer] = await db.query<{ id: string }>(`SELECT id FROM customers WHERE tenant_id = $1 LIMIT 1`, [
    world.demoTenantId,
  ]);
  if (!customer) throw new Error('The demo world has no customer');
  const assignee = fixture.assignee === undefined ? 'alice' : fixture.assignee;
  const id = await factory.ticket(db, {
    tenantId: world.demoTenantId,
    customerId: customer.id,
    number,
    createdAt: '2026-03-01T10:00:00Z',
    teamId: world.teams[fixture.team ?? 'support'],
    assigneeId: assignee === null ? null : world.agents[assignee],
    status: fixture.status ?? (assignee === null ? 'new' : 'assigned'),
  });
  if (fixture.archivedAt) {
    await db.query(`UPDATE tickets SET archived_at = $2, closed_at = $2, status = 'closed' WHERE id = $1`, [
      id,
      fixture.archivedAt,
    ]);
  }
  return { id, number };
}

/** Inserts `count` inbound messages on the ticket, one minute apart; returns their ids oldest first. */
export async function relationMessages(harness: AgentApiHarness, ticketId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId();
    await harness.db.query(
      `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, body_text, received_at)
       VALUES ($1, $2, $3, 'inbound', 'email', $4, $5, $6)`,
      [
        id,
        harness.world.demoTenantId,
        ticketId,
        newId(),
        `Message ${i + 1}`,
        new Date(Date.UTC(2026, 2, 1, 10, i)).toISOString(),
      ],
    );
    ids.push(id);
  }
  return ids;
}

export interface StoredEvent {
  readonly type: string;
  readonly actor_kind: string;
  readonly actor_id: string | null;
  readonly source: string;
  readonly data: Record<string, unknown>;
}

/** The ticket's audit rows, oldest first. */
export async function eventsOf(harness: AgentApiHarness, ticketId: string): Promise<StoredEvent[]> {
  return harness.db.query<StoredEvent>(
    `SELECT type, actor_kind, actor_id, source, data FROM ticket_events WHERE ticket_id = $1 ORDER BY occurred_at, id`,
    [ticketId],
  );
}

/** Message types of the ticket's outbox rows (the harness has no fast path, so they stay in the outbox). */
export async function outboxTypesOf(harness: AgentApiHarness, ticketId: string): Promise<string[]> {
  const rows = await harness.db.query<{ type: string }>(
    `SELECT headers->>$2 AS type FROM outbox WHERE key = $1 ORDER BY id`,
    [ticketId, Headers.messageType],
  );
  return rows.map((r) => r.type);
}
