import { loadConfig } from '@switchboard/config';
import { newId } from '@switchboard/ids';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import type { LifecycleActor } from '../lifecycle/lifecycle-actor';

/** How a ticket of the world ends up: open, archived (closed long ago), or merged into a survivor. */
export type TicketFate = 'open' | 'archived' | 'merged';

/**
 * A tenant with an admin, a customer reachable by email and tickets made on demand, for the specs
 * that prove replies and field updates respect the lifecycle's read-only rule. Test support only:
 * not exported from the lib's entry point.
 */
export class ReadOnlyWorld {
  private count = 0;

  private constructor(
    private readonly testDb: TestDatabase,
    readonly db: Database,
    readonly tenantId: string,
    readonly admin: LifecycleActor,
    private readonly customerId: string,
  ) {}

  static async open(label: string): Promise<ReadOnlyWorld> {
    const testDb = await createTestDatabase(label);
    const db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    const tenantId = newId();
    const teamId = newId();
    const adminId = newId();
    const customerId = newId();
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, 'Read only')`, [tenantId, label]);
    await db.query(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $2, 'Support')`, [teamId, tenantId]);
    await db.query(
      `INSERT INTO agents (id, tenant_id, team_id, email, name, role) VALUES ($1, $2, $3, $4, 'Ada', 'admin')`,
      [adminId, tenantId, teamId, `ada@${label}.test`],
    );
    await db.query(`INSERT INTO customers (id, tenant_id, name) VALUES ($1, $2, 'Wei Zhang')`, [customerId, tenantId]);
    await db.query(
      `INSERT INTO customer_identities (tenant_id, kind, value, customer_id) VALUES ($1, 'email', $2, $3)`,
      [tenantId, 'wei@customer.test', customerId],
    );
    const admin: LifecycleActor = { id: adminId, tenantId, teamId, role: 'admin' };
    return new ReadOnlyWorld(testDb, db, tenantId, admin, customerId);
  }

  /** A new email ticket with one inbound message; archived or merged when asked. Returns its id and number. */
  async ticket(fate: TicketFate): Promise<{ id: string; number: string }> {
    const id = newId();
    this.count += 1;
    const number = `RO-${String(this.count).padStart(6, '0')}`;
    const closed = fate === 'open' ? null : '2025-01-01T00:00:00Z';
    await this.db.query(
      `INSERT INTO tickets (id, tenant_id, number, customer_id, channel, conversation_key, subject, status,
                            closed_at, archived_at)
       VALUES ($1, $2, $3, $4, 'email', $5, 'Printer jam', $6, $7, $8)`,
      [
        id,
        this.tenantId,
        number,
        this.customerId,
        `conv-${number}`,
        closed ? 'closed' : 'in_progress',
        closed,
        fate === 'archived' ? '2025-06-01T00:00:00Z' : null,
      ],
    );
    await this.db.query(
      `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, body_text,
                                    received_at)
       VALUES ($1, $2, $3, 'inbound', 'email', $4, 'It jams.', now())`,
      [newId(), this.tenantId, id, `<${number}@customer.test>`],
    );
    if (fate === 'merged') {
      const survivor = await this.ticket('open');
      await this.db.query(`UPDATE tickets SET merged_into_id = $2 WHERE id = $1`, [id, survivor.id]);
    }
    return { id, number };
  }

  /** What a refused change must leave untouched: the ticket row, its messages, its events, the outbox. */
  async footprint(ticketId: string): Promise<Record<string, unknown>> {
    const [row] = await this.db.query<Record<string, unknown>>(
      `SELECT t.version, t.type_id, t.custom_fields, t.incomplete,
              (SELECT count(*)::int FROM ticket_messages m WHERE m.ticket_id = t.id) AS messages,
              (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id) AS events,
              (SELECT count(*)::int FROM outbox o WHERE o.tenant_id = t.tenant_id) AS outbox
         FROM tickets t WHERE t.id = $1`,
      [ticketId],
    );
    return row ?? {};
  }

  async close(): Promise<void> {
    await this.db.close();
    await this.testDb.drop();
  }
}
