import type { SqlExecutor } from '@switchboard/persistence';
import type { StoredLinkKind } from './link-kinds';

/** One stored direction of a link: `ticketId` is `kind` of `otherTicketId` ("SB-2 is child of SB-1"). */
export interface LinkRow {
  readonly ticketId: string;
  readonly otherTicketId: string;
  readonly kind: StoredLinkKind;
}

export interface LinkedTicketRow {
  readonly kind: StoredLinkKind;
  readonly otherTicketId: string;
  readonly otherNumber: string;
  readonly otherStatus: string;
  readonly createdAt: Date;
}

/** Inserts link rows; returns how many were new (a row already stored is left alone). */
export async function insertLinks(tx: SqlExecutor, tenantId: string, links: readonly LinkRow[]): Promise<number> {
  if (links.length === 0) return 0;
  const rows = await tx.query<{ kind: string }>(
    `INSERT INTO ticket_links (tenant_id, ticket_id, other_ticket_id, kind)
     SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::text[])
     ON CONFLICT (ticket_id, other_ticket_id, kind) DO NOTHING RETURNING kind`,
    [tenantId, links.map((l) => l.ticketId), links.map((l) => l.otherTicketId), links.map((l) => l.kind)],
  );
  return rows.length;
}

/** Deletes link rows; returns how many existed. */
export async function deleteLinks(tx: SqlExecutor, tenantId: string, links: readonly LinkRow[]): Promise<number> {
  if (links.length === 0) return 0;
  const rows = await tx.query<{ kind: string }>(
    `DELETE FROM ticket_links l USING unnest($2::uuid[], $3::uuid[], $4::text[]) AS d(ticket_id, other_ticket_id, kind)
      WHERE l.tenant_id = $1 AND l.ticket_id = d.ticket_id AND l.other_ticket_id = d.other_ticket_id AND l.kind = d.kind
      RETURNING l.kind`,
    [tenantId, links.map((l) => l.ticketId), links.map((l) => l.otherTicketId), links.map((l) => l.kind)],
  );
  return rows.length;
}

/** Whether `descendantId` is `ancestorId` itself or below it in the parent/child tree. */
export async function isSelfOrDescendant(
  tx: SqlExecutor,
  tenantId: string,
  ancestorId: string,
  descendantId: string,
): Promise<boolean> {
  const rows = await tx.query<{ found: boolean }>(
    `WITH RECURSIVE below AS (
       SELECT $2::uuid AS id
       UNION
       SELECT l.ticket_id FROM ticket_links l JOIN below b ON l.other_ticket_id = b.id
        WHERE l.tenant_id = $1 AND l.kind = 'child'
     )
     SELECT EXISTS (SELECT 1 FROM below WHERE id = $3::uuid) AS found`,
    [tenantId, ancestorId, descendantId],
  );
  return rows[0]?.found ?? false;
}

export async function findLinks(tx: SqlExecutor, tenantId: string, ticketId: string): Promise<LinkedTicketRow[]> {
  const rows = await tx.query<{
    kind: StoredLinkKind;
    other_ticket_id: string;
    number: string;
    status: string;
    created_at: Date;
  }>(
    `SELECT l.kind, l.other_ticket_id, t.number, t.status, l.created_at
       FROM ticket_links l JOIN tickets t ON t.id = l.other_ticket_id AND t.tenant_id = l.tenant_id
      WHERE l.tenant_id = $1 AND l.ticket_id = $2
      ORDER BY l.created_at, t.number, l.kind`,
    [tenantId, ticketId],
  );
  return rows.map((r) => ({
    kind: r.kind,
    otherTicketId: r.other_ticket_id,
    otherNumber: r.number,
    otherStatus: r.status,
    createdAt: r.created_at,
  }));
}
