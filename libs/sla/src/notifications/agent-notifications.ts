import {
  Channel,
  Headers,
  OutboundMessageSchema,
  Topics,
  create,
  encodeOutboundMessage,
  timestampFromDate,
} from '@switchboard/contracts';
import { stableIdOf } from '@switchboard/ids';
import type { OutboxEntry, SqlExecutor } from '@switchboard/persistence';
import type { NotifyTarget } from '../policies/sla-policy';

export interface AgentContact {
  readonly id: string;
  readonly tenantId: string;
  readonly teamId: string | null;
  readonly role: string;
  readonly email: string;
  readonly name: string;
}

/** The agents an SLA notice may go to: the assignees named, and every manager and admin of the tenants. */
export async function agentContacts(
  tx: SqlExecutor,
  tenantIds: readonly string[],
  assigneeIds: readonly string[],
): Promise<AgentContact[]> {
  if (tenantIds.length === 0) return [];
  const rows = await tx.query<{
    id: string;
    tenant_id: string;
    team_id: string | null;
    role: string;
    email: string;
    name: string;
  }>(
    `SELECT id, tenant_id, team_id, role, email, name FROM agents
      WHERE tenant_id = ANY($1::uuid[]) AND (role IN ('manager', 'admin') OR id = ANY($2::uuid[]))`,
    [[...new Set(tenantIds)], [...new Set(assigneeIds)]],
  );
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    teamId: r.team_id,
    role: r.role,
    email: r.email,
    name: r.name,
  }));
}

/** Who a notice goes to: the assignee, the managers of the ticket's team (its leads), the tenant's admins. */
export function recipientsOf(
  contacts: readonly AgentContact[],
  ticket: { readonly tenantId: string; readonly teamId: string | null; readonly assigneeId: string | null },
  targets: readonly NotifyTarget[],
): AgentContact[] {
  const chosen = new Map<string, AgentContact>();
  for (const c of contacts) {
    if (c.tenantId !== ticket.tenantId) continue;
    const hit = targets.some((t) => {
      switch (t) {
        case 'assignee':
          return c.id === ticket.assigneeId;
        case 'team_managers':
          return c.role === 'manager' && ticket.teamId !== null && c.teamId === ticket.teamId;
        case 'admins':
          return c.role === 'admin';
      }
    });
    if (hit) chosen.set(c.id, c);
  }
  return [...chosen.values()];
}

export interface AgentNotice {
  readonly subject: string;
  readonly text: string;
}

/**
 * A mail to one agent on notifications.email.v1 (sent by the email channel from the tenant's
 * mailbox, outside any customer conversation), written to the outbox in the caller's transaction.
 * Its id is derived from the timer and the agent, so a redelivery is recognizably the same mail.
 */
export function agentNoticeEntry(
  ticket: {
    readonly tenantId: string;
    readonly tenantSlug: string;
    readonly ticketId: string;
    readonly number: string;
  },
  agent: AgentContact,
  timerId: string,
  notice: AgentNotice,
): OutboxEntry {
  const message = create(OutboundMessageSchema, {
    messageId: stableIdOf(`sla:${timerId}:${agent.id}`),
    tenant: ticket.tenantSlug,
    ticketId: ticket.ticketId,
    ticketNumber: ticket.number,
    channel: Channel.EMAIL,
    conversationKey: `sla:${ticket.ticketId}`,
    recipient: { email: agent.email, name: agent.name },
    subject: notice.subject,
    bodyText: notice.text,
    createdAt: timestampFromDate(new Date()),
  });
  return {
    tenantId: ticket.tenantId,
    topic: Topics.notificationsEmail,
    key: ticket.ticketId,
    payload: encodeOutboundMessage(message),
    headers: { [Headers.tenantId]: ticket.tenantId },
  };
}

const METRIC_WORDS: Readonly<Record<string, string>> = {
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
};

export const metricWords = (metric: string): string =>
  METRIC_WORDS[metric] ?? `time in ${metric.slice('status:'.length).replace(/_/g, ' ')}`;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "2026-12-07 09:50 (Asia/Shanghai)". Formatters are cached: building one costs ~1 ms, a batch fires hundreds. */
export function localTimeText(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
    formatters.set(timeZone, formatter);
  }
  return `${formatter.format(at)} (${timeZone})`;
}
