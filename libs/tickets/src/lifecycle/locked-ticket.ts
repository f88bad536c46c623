import type { AgentRole } from '@switchboard/auth';
import { isTicketStatus, type TicketStatus } from './ticket-transitions';

/**
 * A ticket read under its row lock (SELECT ... FOR UPDATE), with what the lifecycle, merge, split and
 * link rules look at. The one shape every locking read returns.
 */
export interface LockedTicket {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly number: string;
  readonly status: TicketStatus;
  readonly teamId: string | null;
  readonly assigneeId: string | null;
  readonly incomplete: boolean;
  readonly archivedAt: Date | null;
  readonly closedAt: Date | null;
  /** The agents' load is counted per channel too. */
  readonly channel: string;
  /** The ticket this one was merged into (id and number); a merged ticket takes no more changes. */
  readonly mergedIntoId: string | null;
  readonly mergedInto: string | null;
  readonly version: number;
  readonly reviewRequired: boolean;
  readonly reviewerRole: AgentRole | null;
}

export interface LockedTicketRow {
  id: string;
  tenant_id: string;
  tenant_slug: string;
  number: string;
  status: string;
  team_id: string | null;
  assignee_id: string | null;
  incomplete: boolean;
  archived_at: Date | null;
  closed_at: Date | null;
  channel: string;
  merged_into_id: string | null;
  merged_into: string | null;
  version: number;
  review_required: boolean | null;
  reviewer_role: AgentRole | null;
}

/**
 * The SELECT of every locking read, alias `t` for the ticket; the caller adds WHERE, ORDER BY and
 * `FOR UPDATE OF t` (only the ticket rows are locked, not the joined tenant, type or merge target).
 */
export const LOCKED_TICKET_SELECT = `
  SELECT t.id, t.tenant_id, tn.slug AS tenant_slug, t.number, t.status, t.team_id, t.assignee_id,
         t.incomplete, t.archived_at, t.closed_at, t.channel, t.merged_into_id, m.number AS merged_into,
         t.version, ty.review_required, ty.reviewer_role
    FROM tickets t
    JOIN tenants tn ON tn.id = t.tenant_id
    LEFT JOIN tickets m ON m.id = t.merged_into_id AND m.tenant_id = t.tenant_id
    LEFT JOIN ticket_types ty ON ty.id = t.type_id AND ty.tenant_id = t.tenant_id`;

function statusOf(value: string): TicketStatus {
  if (!isTicketStatus(value)) throw new Error(`Ticket has unknown status ${value}`);
  return value;
}

export function toLockedTicket(row: LockedTicketRow): LockedTicket {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    tenantSlug: row.tenant_slug,
    number: row.number,
    status: statusOf(row.status),
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    incomplete: row.incomplete,
    archivedAt: row.archived_at,
    closedAt: row.closed_at,
    channel: row.channel,
    mergedIntoId: row.merged_into_id,
    mergedInto: row.merged_into,
    version: row.version,
    reviewRequired: row.review_required ?? false,
    reviewerRole: row.reviewer_role,
  };
}
