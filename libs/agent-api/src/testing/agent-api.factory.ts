import { newId } from '@switchboard/ids';
import { hashPassword, type AgentRole } from '@switchboard/auth';
import type { SqlExecutor } from '@switchboard/persistence';

/** Row factories for integration tests: each inserts one row with sensible defaults, returns its id. */
export const factory = {
  async tenant(db: SqlExecutor, slug: string): Promise<string> {
    const id = newId();
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $3)`, [id, slug, `Tenant ${slug}`]);
    return id;
  },

  async team(db: SqlExecutor, tenantId: string, name: string): Promise<string> {
    const id = newId();
    await db.query(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $2, $3)`, [id, tenantId, name]);
    return id;
  },

  async agent(
    db: SqlExecutor,
    fields: { tenantId: string; email: string; role: AgentRole; password: string; teamId?: string | null },
  ): Promise<string> {
    const id = newId();
    await db.query(
      `INSERT INTO agents (id, tenant_id, team_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        fields.tenantId,
        fields.teamId ?? null,
        fields.email,
        fields.email.split('@')[0],
        fields.role,
        await hashPassword(fields.password),
      ],
    );
    return id;
  },

  async customer(db: SqlExecutor, tenantId: string, name: string): Promise<string> {
    const id = newId();
    await db.query(`INSERT INTO customers (id, tenant_id, name) VALUES ($1, $2, $3)`, [id, tenantId, name]);
    return id;
  },

  async ticket(
    db: SqlExecutor,
    fields: {
      tenantId: string;
      customerId: string;
      number: string;
      createdAt: string;
      teamId?: string | null;
      assigneeId?: string | null;
      status?: string;
      category?: string | null;
    },
  ): Promise<string> {
    const id = newId();
    await db.query(
      `INSERT INTO tickets (id, tenant_id, number, customer_id, channel, conversation_key, subject, status, category,
                            team_id, assignee_id, created_at, updated_at, assigned_at)
       VALUES ($1, $2, $3, $4, 'email', $5, $6, $7, $8, $9, $10, $11, $11, CASE WHEN $10::uuid IS NULL THEN NULL ELSE $11::timestamptz END)`,
      [
        id,
        fields.tenantId,
        fields.number,
        fields.customerId,
        `conversation-${fields.number}`,
        `Subject of ${fields.number}`,
        fields.status ?? 'assigned',
        fields.category ?? null,
        fields.teamId ?? null,
        fields.assigneeId ?? null,
        fields.createdAt,
      ],
    );
    return id;
  },

  async message(
    db: SqlExecutor,
    fields: {
      tenantId: string;
      ticketId: string;
      direction: 'inbound' | 'outbound' | 'note';
      bodyText: string;
      receivedAt: string;
    },
  ): Promise<void> {
    await db.query(
      `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, body_text, received_at)
       VALUES ($1, $2, $3, $4, 'email', $5, $6, $7)`,
      [newId(), fields.tenantId, fields.ticketId, fields.direction, newId(), fields.bodyText, fields.receivedAt],
    );
  },

  async event(
    db: SqlExecutor,
    fields: { tenantId: string; ticketId: string; type: string; occurredAt: string; data?: Record<string, unknown> },
  ): Promise<void> {
    await db.query(
      `INSERT INTO ticket_events (id, tenant_id, ticket_id, type, actor_kind, data, occurred_at) VALUES ($1, $2, $3, $4, 'system', $5, $6)`,
      [newId(), fields.tenantId, fields.ticketId, fields.type, JSON.stringify(fields.data ?? {}), fields.occurredAt],
    );
  },
};
