import {
  SlaBreachedSchema,
  SlaClockDueSchema,
  SlaRecomputedSchema,
  SlaWarningSchema,
  create,
  timestampFromDate,
} from '@switchboard/contracts';
import type { AuditEvent, AuditSource } from '@switchboard/tickets';
import type { SlaPolicy } from '../policies/sla-policy';
import type { SlaClock } from './sla-clock';

interface TicketRef {
  readonly ticketId: string;
  readonly tenantId: string;
  readonly tenantSlug: string;
}

const base = (t: TicketRef, id: string, at: Date, source: AuditSource) =>
  ({
    id,
    tenantId: t.tenantId,
    tenantSlug: t.tenantSlug,
    ticketId: t.ticketId,
    actor: { kind: 'system', id: null },
    source,
    occurredAt: at,
  }) as const;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A change of priority, policy or calendar moved the due times: on the history and ticket.events.v1. */
export function recomputedEvent(
  ticket: TicketRef,
  reasons: readonly string[],
  policy: SlaPolicy | undefined,
  before: readonly { metric: string; dueAt: Date | null }[],
  after: readonly SlaClock[],
  at: Date,
  id: string,
): AuditEvent {
  const reason = reasons.join(',');
  return {
    ...base(ticket, id, at, 'system'),
    type: 'sla_recomputed',
    data: {
      reason,
      policyId: policy?.id ?? null,
      policyVersion: policy?.version ?? null,
      before: before.map((c) => ({ clock: c.metric, dueAt: iso(c.dueAt) })),
      after: after.map((c) => ({ clock: c.metric, dueAt: iso(c.dueAt), paused: c.state === 'paused' })),
    },
    payload: {
      case: 'slaRecomputed',
      value: create(SlaRecomputedSchema, {
        reason,
        policyId: policy?.id ?? '',
        policyVersion: policy?.version ?? 0,
        clocks: after.map((c) =>
          create(SlaClockDueSchema, {
            clock: c.metric,
            ...(c.dueAt ? { dueAt: timestampFromDate(c.dueAt) } : {}),
            paused: c.state === 'paused',
            targetSeconds: BigInt(c.targetSeconds),
          }),
        ),
      }),
    },
  };
}

export function warningEvent(
  ticket: TicketRef,
  clock: SlaClock,
  w: { policyId: string; remainingSeconds: number; reminder: string; notified: readonly string[] },
  at: Date,
  id: string,
): AuditEvent {
  return {
    ...base(ticket, id, at, 'scheduler'),
    type: 'sla_warning',
    data: { clock: clock.metric, dueAt: iso(clock.dueAt), ...w },
    payload: {
      case: 'slaWarning',
      value: create(SlaWarningSchema, {
        clock: clock.metric,
        ...(clock.dueAt ? { dueAt: timestampFromDate(clock.dueAt) } : {}),
        policyId: w.policyId,
        remainingSeconds: BigInt(Math.round(w.remainingSeconds)),
        reminder: w.reminder,
        notifiedAgentIds: [...w.notified],
      }),
    },
  };
}

export interface BreachDetails {
  readonly policyId: string;
  readonly level: number;
  readonly action: 'notify' | 'reassign' | 'raise_priority';
  readonly notified: readonly string[];
  readonly reassignTeamId?: string;
  readonly priority?: string;
}

export function breachedEvent(ticket: TicketRef, clock: SlaClock, b: BreachDetails, at: Date, id: string): AuditEvent {
  return {
    ...base(ticket, id, at, 'scheduler'),
    type: 'sla_breached',
    data: { clock: clock.metric, dueAt: iso(clock.dueAt), ...b },
    payload: {
      case: 'slaBreached',
      value: create(SlaBreachedSchema, {
        clock: clock.metric,
        ...(clock.dueAt ? { dueAt: timestampFromDate(clock.dueAt) } : {}),
        policyId: b.policyId,
        escalationLevel: b.level,
        action: b.action,
        notifiedAgentIds: [...b.notified],
        reassignTeamId: b.reassignTeamId ?? '',
        priority: b.priority ?? '',
      }),
    },
  };
}
