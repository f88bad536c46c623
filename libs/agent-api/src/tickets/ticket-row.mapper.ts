import { displayText } from '@switchboard/contracts';
import type { TicketCursor } from './ticket-cursor';
import type { TicketHistoryEntryView, TicketMessageView, TicketView } from './ticket.view';

/** One row of the ticket query: the ticket joined with its team, assignee and customer. */
export interface TicketJoinedRow {
  id: string;
  number: string;
  status: string;
  priority: string;
  category: string | null;
  channel: string;
  subject: string;
  tier: string;
  region: string | null;
  tags: string[];
  created_at: Date;
  updated_at: Date;
  assigned_at: Date | null;
  cursor_created_at: string;
  team_id: string | null;
  team_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
  customer_id: string;
  customer_name: string | null;
}

export interface StoredAttachment {
  name?: string;
  contentType?: string;
  sizeBytes?: number;
  sha256?: string;
  storageRef?: string;
  inline?: boolean;
  contentId?: string;
}

export interface TicketMessageRow {
  id: string;
  ticket_id: string;
  direction: TicketMessageView['direction'];
  channel: string;
  subject: string;
  body_text: string;
  body_html: string;
  attachments: StoredAttachment[];
  full_text: string | null;
  sent_at: string | null;
  received_at: Date;
}

export interface TicketEventRow {
  id: string;
  type: string;
  actor_kind: string;
  actor_id: string | null;
  data: Record<string, unknown>;
  occurred_at: Date;
}

function teamOf(row: TicketJoinedRow): TicketView['team'] {
  return row.team_id && row.team_name !== null ? { id: row.team_id, name: row.team_name } : null;
}

function assigneeOf(row: TicketJoinedRow): TicketView['assignee'] {
  if (!row.assignee_id || row.assignee_name === null || row.assignee_email === null) return null;
  return { id: row.assignee_id, name: row.assignee_name, email: row.assignee_email };
}

/** Subject and customer name as shown, and the hidden characters taken out of them for the agent to see. */
function displayed(row: TicketJoinedRow): Pick<TicketView, 'subject' | 'customer' | 'hiddenCharacters'> {
  const subject = displayText(row.subject);
  const name = row.customer_name === null ? null : displayText(row.customer_name);
  const hiddenCharacters: TicketView['hiddenCharacters'][number][] = [];
  if (subject.hidden.length > 0) hiddenCharacters.push({ field: 'subject', codePoints: subject.hidden });
  if (name && name.hidden.length > 0) hiddenCharacters.push({ field: 'customer.name', codePoints: name.hidden });
  return { subject: subject.text, customer: { id: row.customer_id, name: name?.text ?? null }, hiddenCharacters };
}

export function toTicketView(row: TicketJoinedRow): TicketView {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    priority: row.priority,
    category: row.category,
    channel: row.channel,
    tier: row.tier,
    region: row.region,
    tags: row.tags,
    team: teamOf(row),
    assignee: assigneeOf(row),
    ...displayed(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    assignedAt: row.assigned_at,
  };
}

export function toTicketCursor(row: TicketJoinedRow): TicketCursor {
  return { createdAt: row.cursor_created_at, id: row.id };
}

const attachmentPath = (row: TicketMessageRow, index: number): string =>
  `/api/v1/tickets/${row.ticket_id}/messages/${row.id}/attachments/${index}`;

function sentAtOf(value: string | null): Date | null {
  const date = value === null ? null : new Date(value);
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

export function toMessageView(row: TicketMessageRow, sanitizeHtml: (html: string) => string): TicketMessageView {
  return {
    id: row.id,
    direction: row.direction,
    channel: row.channel,
    subject: row.subject,
    bodyText: row.body_text,
    bodyHtml: row.body_html ? sanitizeHtml(row.body_html) : '',
    fullText: row.full_text ?? row.body_text,
    receivedAt: row.received_at,
    sentAt: sentAtOf(row.sent_at),
    attachments: (Array.isArray(row.attachments) ? row.attachments : []).map((a, index) => ({
      index,
      name: a.name ?? 'attachment',
      contentType: a.contentType ?? 'application/octet-stream',
      sizeBytes: a.sizeBytes ?? 0,
      inline: a.inline === true,
      contentId: a.contentId ? a.contentId : null,
      downloadPath: attachmentPath(row, index),
    })),
  };
}

export function toHistoryEntryView(row: TicketEventRow): TicketHistoryEntryView {
  return {
    id: row.id,
    type: row.type,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    data: row.data,
    occurredAt: row.occurred_at,
  };
}
