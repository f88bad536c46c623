import { sanitizeEmailHtml } from '@switchboard/channel-email';
import { ticketScopeSql } from '@switchboard/auth';
import { withTenantScope, type Database, type SqlExecutor } from '@switchboard/persistence';
import type { TicketCursor } from './ticket-cursor';
import {
  toHistoryEntryView,
  toMessageView,
  toTicketCursor,
  toTicketView,
  type TicketEventRow,
  type TicketJoinedRow,
  type StoredAttachment,
  type TicketMessageRow,
} from './ticket-row.mapper';
import type { TicketHistoryEntryView, TicketMessageView, TicketView } from './ticket.view';
import type { AssigneeFilter, TicketVisibility } from './ticket-visibility';

const MESSAGE_COLUMNS = `id, ticket_id, direction, channel, subject, body_text, body_html, attachments,
  metadata->>'email_full_text' AS full_text, COALESCE(metadata->>'sentAt', metadata->>'email_sent_at') AS sent_at,
  received_at`;

export type TicketRef =
  { readonly kind: 'id'; readonly id: string } | { readonly kind: 'number'; readonly number: string };

export interface TicketListFilter {
  readonly visibility: TicketVisibility;
  readonly assignee: AssigneeFilter;
  readonly status?: string;
  readonly limit: number;
  readonly before?: TicketCursor;
}

export interface TicketPage {
  readonly tickets: readonly TicketView[];
  /** Where the next page starts; undefined on the last page. */
  readonly next?: TicketCursor;
}

// Joins also match tenant_id, so a foreign key that somehow crossed tenants still shows nothing.
const TICKET_SELECT = `
  SELECT t.id, t.number, t.status, t.priority, t.category, t.channel, t.subject, t.tier, t.region, t.tags,
         t.created_at, t.updated_at, t.assigned_at,
         to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_created_at,
         tm.id AS team_id, tm.name AS team_name,
         a.id AS assignee_id, a.name AS assignee_name, a.email AS assignee_email,
         c.id AS customer_id, c.name AS customer_name
  FROM tickets t
  JOIN customers c ON c.id = t.customer_id AND c.tenant_id = t.tenant_id
  LEFT JOIN teams tm ON tm.id = t.team_id AND tm.tenant_id = t.tenant_id
  LEFT JOIN agents a ON a.id = t.assignee_id AND a.tenant_id = t.tenant_id`;

/** Collects WHERE conditions with numbered parameters, starting with the tenant. */
class TicketConditions {
  private readonly conditions: string[] = ['t.tenant_id = $1'];
  readonly params: unknown[];

  constructor(tenantId: string) {
    this.params = [tenantId];
  }

  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** The policy's query scope: the same rules the guards check one ticket with. */
  visibleTo(visibility: TicketVisibility): this {
    const columns = { tenantId: 't.tenant_id', teamId: 't.team_id', assigneeId: 't.assignee_id' };
    return this.add(ticketScopeSql(visibility.scope, visibility.action, columns, (value) => this.bind(value)));
  }

  assignedTo(filter: AssigneeFilter): this {
    switch (filter.kind) {
      case 'any':
        return this;
      case 'unassigned':
        return this.add('t.assignee_id IS NULL');
      case 'agent':
        return this.add(`t.assignee_id = ${this.bind(filter.agentId)}`);
    }
  }

  toSql(): string {
    return this.conditions.join(' AND ');
  }
}

/** Read side of tickets for the agent API. Every method is scoped to one tenant. */
export class TicketReadRepository {
  constructor(private readonly db: SqlExecutor | Database) {}

  /** Newest first, keyset-paginated on (created_at, id). */
  async findTickets(tenantId: string, filter: TicketListFilter): Promise<TicketPage> {
    const where = new TicketConditions(tenantId).visibleTo(filter.visibility).assignedTo(filter.assignee);
    if (filter.status !== undefined) where.add(`t.status = ${where.bind(filter.status)}`);
    if (filter.before) {
      where.add(
        `(t.created_at, t.id) < (${where.bind(filter.before.createdAt)}::timestamptz, ${where.bind(filter.before.id)}::uuid)`,
      );
    }
    // One row more than asked tells whether another page exists.
    const limit = where.bind(filter.limit + 1);
    const rows = await withTenantScope(this.db, tenantId, (tx) =>
      tx.query<TicketJoinedRow>(
        `${TICKET_SELECT} WHERE ${where.toSql()} ORDER BY t.created_at DESC, t.id DESC LIMIT ${limit}`,
        where.params,
      ),
    );
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    const next = rows.length > filter.limit && last ? toTicketCursor(last) : undefined;
    return { tickets: page.map(toTicketView), ...(next ? { next } : {}) };
  }

  async findTicket(tenantId: string, ref: TicketRef, visibility: TicketVisibility): Promise<TicketView | undefined> {
    const where = new TicketConditions(tenantId).visibleTo(visibility);
    where.add(ref.kind === 'id' ? `t.id = ${where.bind(ref.id)}::uuid` : `t.number = ${where.bind(ref.number)}`);
    const rows = await withTenantScope(this.db, tenantId, (tx) =>
      tx.query<TicketJoinedRow>(`${TICKET_SELECT} WHERE ${where.toSql()}`, where.params),
    );
    const row = rows[0];
    return row ? toTicketView(row) : undefined;
  }

  async findMessages(tenantId: string, ticketId: string): Promise<TicketMessageView[]> {
    const rows = await withTenantScope(this.db, tenantId, (tx) =>
      tx.query<TicketMessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM ticket_messages
       WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY received_at, id`,
        [tenantId, ticketId],
      ),
    );
    return rows.map((row) => toMessageView(row, sanitizeEmailHtml));
  }

  /** One stored attachment of a message of this ticket (the caller checked the ticket is visible). */
  async findAttachment(
    tenantId: string,
    ticketId: string,
    messageId: string,
    index: number,
  ): Promise<StoredAttachment | undefined> {
    const rows = await withTenantScope(this.db, tenantId, (tx) =>
      tx.query<{ attachment: StoredAttachment | null }>(
        `SELECT attachments->$4::int AS attachment FROM ticket_messages
          WHERE tenant_id = $1 AND ticket_id = $2 AND id = $3`,
        [tenantId, ticketId, messageId, index],
      ),
    );
    return rows[0]?.attachment ?? undefined;
  }

  async findHistory(tenantId: string, ticketId: string): Promise<TicketHistoryEntryView[]> {
    const rows = await withTenantScope(this.db, tenantId, (tx) =>
      tx.query<TicketEventRow>(
        `SELECT id, type, actor_kind, actor_id, data, occurred_at FROM ticket_events
       WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY occurred_at, id`,
        [tenantId, ticketId],
      ),
    );
    return rows.map(toHistoryEntryView);
  }
}
