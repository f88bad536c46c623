import { TICKET_STATUSES } from '@switchboard/tickets';
import { z } from 'zod';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Business seconds per priority; `default` covers the priorities not named. */
const perPriority = z
  .object({
    low: z.number().int().positive().optional(),
    normal: z.number().int().positive().optional(),
    high: z.number().int().positive().optional(),
    urgent: z.number().int().positive().optional(),
    default: z.number().int().positive().optional(),
  })
  .strict();

/** Statuses a per-status target may time (the clock runs while the ticket is in that status). */
const timedStatus = z.enum(TICKET_STATUSES.filter((s) => !['resolved', 'closed'].includes(s)) as [string, ...string[]]);

export const slaTargetsSchema = z
  .object({
    firstResponse: perPriority.optional(),
    nextResponse: perPriority.optional(),
    resolution: perPriority.optional(),
    statuses: z.partialRecord(timedStatus, perPriority).optional(),
  })
  .strict();

export const slaReminderSchema = z.union([
  z.object({ percent: z.number().int().min(1).max(99) }).strict(),
  z.object({ beforeSeconds: z.number().int().positive() }).strict(),
]);

export const NOTIFY_TARGETS = ['assignee', 'team_managers', 'admins'] as const;
export type NotifyTarget = (typeof NOTIFY_TARGETS)[number];

export const slaEscalationSchema = z
  .object({
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    // Business seconds after the due time.
    afterSeconds: z.number().int().min(0),
    notify: z.array(z.enum(NOTIFY_TARGETS)).max(3).default([]),
    reassignTeamId: z.uuid().optional(),
    raisePriority: z.boolean().default(false),
  })
  .strict();

export const slaConditionsSchema = z
  .object({
    priorities: z.array(z.enum(PRIORITIES)).min(1).optional(),
    tiers: z.array(z.string().min(1).max(64)).min(1).optional(),
    ticketTypes: z.array(z.string().min(1).max(64)).min(1).optional(),
    channels: z.array(z.string().min(1).max(32)).min(1).optional(),
    teamIds: z.array(z.uuid()).min(1).optional(),
    categories: z.array(z.string().min(1).max(64)).min(1).optional(),
    // "urgent OR vip": the policy also applies when any of these alternatives holds.
    anyOf: z
      .array(
        z
          .object({
            priorities: z.array(z.enum(PRIORITIES)).min(1).optional(),
            tiers: z.array(z.string().min(1).max(64)).min(1).optional(),
          })
          .strict(),
      )
      .max(10)
      .optional(),
  })
  .strict();

export type SlaTargets = z.output<typeof slaTargetsSchema>;
export type SlaReminder = z.output<typeof slaReminderSchema>;
export type SlaEscalation = z.output<typeof slaEscalationSchema>;
export type SlaConditions = z.output<typeof slaConditionsSchema>;

export interface SlaPolicy {
  readonly id: string;
  readonly tenantId: string;
  readonly key: string;
  readonly name: string;
  readonly position: number;
  readonly enabled: boolean;
  readonly conditions: SlaConditions;
  readonly calendarId: string;
  readonly targets: SlaTargets;
  readonly reminders: readonly SlaReminder[];
  readonly escalations: readonly SlaEscalation[];
  readonly version: number;
}

/** What a policy is matched on: the ticket as the database has it now. */
export interface TicketFacts {
  readonly priority: string;
  readonly tier: string;
  readonly ticketType: string | null;
  readonly channel: string;
  readonly teamId: string | null;
  readonly category: string | null;
  /** Routing's `slaPolicy` action: names the policy by key, ahead of every condition. */
  readonly slaPolicyKey: string | null;
}

const within = (list: readonly string[] | undefined, value: string | null): boolean =>
  list === undefined || (value !== null && list.includes(value));

export function matchesConditions(c: SlaConditions, t: TicketFacts): boolean {
  const all =
    within(c.priorities, t.priority) &&
    within(c.tiers, t.tier) &&
    within(c.ticketTypes, t.ticketType) &&
    within(c.channels, t.channel) &&
    within(c.teamIds, t.teamId) &&
    within(c.categories, t.category);
  const any =
    c.anyOf === undefined || c.anyOf.some((alt) => within(alt.priorities, t.priority) && within(alt.tiers, t.tier));
  return all && any;
}

/**
 * The policy a ticket runs under: the one routing named (enabled), else the first enabled policy
 * by position whose conditions hold. `policies` need not be sorted.
 */
export function matchPolicy(policies: readonly SlaPolicy[], ticket: TicketFacts): SlaPolicy | undefined {
  const enabled = policies.filter((p) => p.enabled);
  const named = ticket.slaPolicyKey === null ? undefined : enabled.find((p) => p.key === ticket.slaPolicyKey);
  if (named) return named;
  return [...enabled].sort((a, b) => a.position - b.position).find((p) => matchesConditions(p.conditions, ticket));
}

export type Metric = 'first_response' | 'next_response' | 'resolution' | `status:${string}`;

function pick(targets: z.output<typeof perPriority> | undefined, priority: string): number | undefined {
  if (!targets) return undefined;
  const own = (PRIORITIES as readonly string[]).includes(priority) ? targets[priority as Priority] : undefined;
  return own ?? targets.default;
}

/** The target in business seconds of one metric at one priority, or undefined when the policy has none. */
export function targetOf(policy: SlaPolicy, metric: Metric, priority: string): number | undefined {
  switch (metric) {
    case 'first_response':
      return pick(policy.targets.firstResponse, priority);
    case 'next_response':
      return pick(policy.targets.nextResponse, priority);
    case 'resolution':
      return pick(policy.targets.resolution, priority);
    default:
      return pick(policy.targets.statuses?.[metric.slice('status:'.length)], priority);
  }
}

const RAISED: Readonly<Record<string, Priority>> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/** One step up: low → normal → high → urgent (urgent stays). */
export const raisedPriority = (priority: string): Priority => RAISED[priority] ?? 'urgent';
