import type { Reservation } from '@switchboard/coordination';
import type { SqlExecutor } from '@switchboard/persistence';
import type { AuditEvent } from '../shared/audit-event';
import type { CustomerInfo } from './customer-resolver';
import { ingestEvents } from './ingest-events';
import { IngestRaceException, IngestRaceExceptionCode } from './ingest-race.exception';
import type { IngestDecision } from './plan-ingest';

export interface PlannedWrite {
  readonly decision: Exclude<IngestDecision, { kind: 'duplicate' }>;
  readonly messageRowId: string;
  readonly customer: CustomerInfo;
}

export interface WrittenDecisions {
  readonly events: AuditEvent[];
  /** The assignees of reopened tickets: each has one more open ticket to count once the batch commits. */
  readonly reopenedLoad: Reservation[];
}

/** Writes the batch's new tickets, messages, reopens and follow-up links; returns their audit events. */
export async function writeDecisions(
  tx: SqlExecutor,
  decisions: readonly IngestDecision[],
  newId: () => string,
): Promise<WrittenDecisions> {
  const writes: PlannedWrite[] = decisions
    .filter((d): d is PlannedWrite['decision'] => d.kind !== 'duplicate')
    .map((decision) => ({ decision, messageRowId: newId(), customer: decision.customer }));
  if (writes.length === 0) return { events: [], reopenedLoad: [] };
  await insertTickets(tx, writes);
  await tagUnverifiedFollowUps(tx, writes);
  await insertMessages(tx, writes);
  const appends = writes.flatMap((w) => (w.decision.kind === 'append' ? [w.decision] : []));
  const reopenedLoad = await reopenTickets(
    tx,
    appends.filter((d) => d.reopenedFrom !== null).map((d) => d.ticket.id),
  );
  await touchTickets(
    tx,
    appends.filter((d) => !d.ticket.isNew).map((d) => d.ticket.id),
  );
  await insertFollowUpLinks(
    tx,
    writes.flatMap(({ decision: d }) =>
      d.kind === 'create' && d.followUpOf
        ? [{ tenantId: d.ticket.tenantId, ticketId: d.ticket.id, followsId: d.followUpOf.id }]
        : [],
    ),
  );
  return { events: ingestEvents(writes, newId), reopenedLoad };
}

/** The tag agents filter on: a ticket opened by a web message that quoted another ticket's number unproven. */
const UNVERIFIED_FOLLOW_UP_TAG = 'unverified_follow_up';

async function tagUnverifiedFollowUps(tx: SqlExecutor, writes: readonly PlannedWrite[]): Promise<void> {
  const ids = writes.flatMap(({ decision: d }) => (d.kind === 'create' && d.unverifiedFollowUp ? [d.ticket.id] : []));
  if (ids.length === 0) return;
  await tx.query(`UPDATE tickets SET tags = array_append(tags, $2) WHERE id = ANY($1::uuid[])`, [
    ids,
    UNVERIFIED_FOLLOW_UP_TAG,
  ]);
}

/** Inserts the batch's new tickets in one statement. */
export async function insertTickets(tx: SqlExecutor, writes: readonly PlannedWrite[]): Promise<void> {
  const creates = writes.filter((w) => w.decision.kind === 'create');
  if (creates.length === 0) return;
  const col = <T>(f: (w: PlannedWrite) => T): T[] => creates.map(f);
  await tx.query(
    `INSERT INTO tickets (id, tenant_id, number, customer_id, priority, category, channel, subject, tier, region, language, conversation_key, created_at, updated_at)
     SELECT u.*, u.created_at FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[],
       $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[])
       AS u(id, tenant_id, number, customer_id, priority, category, channel, subject, tier, region, language, conversation_key, created_at)`,
    [
      col((w) => w.decision.ticket.id),
      col((w) => w.decision.ticket.tenantId),
      col((w) => w.decision.ticket.number),
      col((w) => w.customer.id),
      col((w) => w.decision.message.priority),
      col((w) => w.decision.message.category),
      col((w) => w.decision.message.channel),
      col((w) => w.decision.message.subject),
      col((w) => w.customer.tier),
      col((w) => w.decision.message.region ?? w.customer.region),
      col((w) => w.decision.message.language),
      col((w) => w.decision.message.conversationKey),
      col((w) => w.decision.message.receivedAt.toISOString()),
    ],
  );
}

/** Inserts every new message in one statement; the unique key (tenant, channel, channel id) is the last guard. */
export async function insertMessages(tx: SqlExecutor, writes: readonly PlannedWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const col = <T>(f: (w: PlannedWrite) => T): T[] => writes.map(f);
  await tx.query(
    `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, customer_id, subject,
       body_text, body_html, attachments, metadata, received_at, text_hash)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[],
       $9::text[], $10::text[], $11::jsonb[], $12::jsonb[], $13::timestamptz[], $14::text[])`,
    [
      col((w) => w.messageRowId),
      col((w) => w.decision.ticket.tenantId),
      col((w) => w.decision.ticket.id),
      col(() => 'inbound'),
      col((w) => w.decision.message.channel),
      col((w) => w.decision.message.channelMessageId),
      col((w) => w.customer.id),
      col((w) => w.decision.message.subject),
      col((w) => w.decision.message.bodyText),
      col((w) => w.decision.message.bodyHtml),
      col((w) => JSON.stringify(w.decision.message.attachments)),
      col((w) => JSON.stringify(w.decision.message.metadata)),
      col((w) => w.decision.message.receivedAt.toISOString()),
      col((w) => w.decision.textHash),
    ],
  );
}

/** Existing tickets that got a message are touched so inboxes sort by last activity. */
export async function touchTickets(tx: SqlExecutor, ticketIds: readonly string[]): Promise<void> {
  if (ticketIds.length === 0) return;
  await tx.query('UPDATE tickets SET updated_at = now() WHERE id = ANY($1::uuid[])', [[...new Set(ticketIds)].sort()]);
}

/**
 * Moves tickets a customer wrote to again back to in_progress (assignee kept). The status is re-checked:
 * if an agent changed one of them since the batch read it, the batch fails and is retried. Returns the
 * assignees' load to count again (resolving released it).
 */
export async function reopenTickets(tx: SqlExecutor, ticketIds: readonly string[]): Promise<Reservation[]> {
  if (ticketIds.length === 0) return [];
  const ids = [...new Set(ticketIds)].sort();
  const rows = await tx.query<{ id: string; tenant_id: string; assignee_id: string | null; channel: string }>(
    `UPDATE tickets SET status = 'in_progress', reopen_count = reopen_count + 1, resolved_at = NULL, closed_at = NULL,
            version = version + 1, updated_at = now()
      WHERE id = ANY($1::uuid[]) AND status IN ('resolved', 'closed') AND archived_at IS NULL
      RETURNING id, tenant_id, assignee_id, channel`,
    [ids],
  );
  if (rows.length !== ids.length)
    throw new IngestRaceException(
      IngestRaceExceptionCode.TicketChanged,
      'a ticket to reopen changed status during the batch; retrying',
    );
  return rows.flatMap((r) =>
    r.assignee_id === null ? [] : [{ tenantId: r.tenant_id, agentId: r.assignee_id, channel: r.channel }],
  );
}

/** Links each follow-up ticket to the one it follows, in both directions. */
export async function insertFollowUpLinks(
  tx: SqlExecutor,
  links: readonly { tenantId: string; ticketId: string; followsId: string }[],
): Promise<void> {
  if (links.length === 0) return;
  await tx.query(
    `INSERT INTO ticket_links (tenant_id, ticket_id, other_ticket_id, kind)
     SELECT tenant_id, ticket_id, follows_id, 'follow_up_of' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS u(tenant_id, ticket_id, follows_id)
     UNION ALL
     SELECT tenant_id, follows_id, ticket_id, 'followed_up_by' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS u(tenant_id, ticket_id, follows_id)`,
    [links.map((l) => l.tenantId), links.map((l) => l.ticketId), links.map((l) => l.followsId)],
  );
}
