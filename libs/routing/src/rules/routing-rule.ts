import { z } from 'zod';
import { compileLinearRegex, linearRegexProblem, type LinearRegex } from '@switchboard/linear-regex';
import { createLogger } from '@switchboard/logger';
import { businessHoursSchema, withinBusinessHours } from './business-hours';

const log = createLogger('RoutingRule');

const values = z.array(z.string().min(1).max(100)).min(1).max(100);

/** The longest regex source a rule may hold; with the body cut to BODY_FACT_LIMIT it bounds matching time. */
export const MAX_PATTERN_LENGTH = 200;
/** How much of the first message's body rules read. */
export const BODY_FACT_LIMIT = 4_000;

const pattern = z
  .string()
  .min(1)
  .max(MAX_PATTERN_LENGTH)
  .superRefine((source, ctx) => {
    const problem = linearRegexProblem(source);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * What a rule looks at. Every listed condition must hold (AND); a list holds when the ticket's value
 * is one of its values (OR, case-insensitive). An empty object matches every ticket.
 */
export const ruleConditionsSchema = z
  .object({
    category: values.optional(),
    tier: values.optional(),
    region: values.optional(),
    channel: values.optional(),
    language: values.optional(),
    ticketType: values.optional(),
    /** Any of these words or phrases in the subject or the first message's body. */
    keywords: values.optional(),
    /** A regular expression (case-insensitive, Unicode) over the subject and the first message's body. */
    pattern: pattern.optional(),
    /** Template field → accepted values; a multi-select field holds when any chosen value is accepted. */
    customFields: z
      .record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), values)
      .refine((fields) => Object.keys(fields).length > 0, { message: 'name at least one field' })
      .optional(),
    businessHours: businessHoursSchema.optional(),
    customerIds: z.array(z.uuid()).min(1).max(1_000).optional(),
    companyIds: z.array(z.uuid()).min(1).max(1_000).optional(),
  })
  .strict();

export type RuleConditions = z.output<typeof ruleConditionsSchema>;
export type RuleConditionsInput = z.input<typeof ruleConditionsSchema>;

/** Conditions that read facts the TicketCreated event does not carry (body, fields, company, type). */
export function needsTicketDetails(conditions: RuleConditions): boolean {
  return (
    conditions.keywords !== undefined ||
    conditions.pattern !== undefined ||
    conditions.customFields !== undefined ||
    conditions.companyIds !== undefined ||
    conditions.ticketType !== undefined
  );
}

/** Skills a rule requires of the agent: each at `minLevel` (1–5) or higher. */
export const requiredSkillsSchema = z
  .array(
    z
      .object({
        skill: z.string().regex(/^[a-z0-9_-]{1,64}$/),
        minLevel: z.number().int().min(1).max(5).default(1),
      })
      .strict(),
  )
  .max(20);

export type RequiredSkills = z.output<typeof requiredSkillsSchema>;

export const ruleTagsSchema = z.array(z.string().regex(/^[\p{L}\p{N}_:-]{1,64}$/u, 'letters, digits, _ : -')).max(20);

export interface RoutingRule {
  readonly id: string;
  readonly name: string;
  readonly position: number;
  readonly conditions: RuleConditions;
  readonly teamId: string;
  readonly priority: 'low' | 'normal' | 'high' | 'urgent' | null;
  readonly requiredSkills: RequiredSkills;
  readonly tags: readonly string[];
  readonly slaPolicy: string | null;
  /** The category the ticket gets when its channel gave none (keyword rules classify). */
  readonly setCategory: string | null;
}

/** The facts about a ticket that rules read. */
export interface RoutableTicket {
  readonly category: string;
  readonly tier: string;
  readonly region: string;
  readonly channel: string;
  readonly language?: string;
  readonly subject?: string;
  /** The first message's text, cut to BODY_FACT_LIMIT. */
  readonly body?: string;
  readonly ticketType?: string;
  readonly customFields?: Readonly<Record<string, unknown>>;
  readonly customerId?: string;
  readonly companyId?: string;
  /** When the ticket came in; business hours are judged at this instant. */
  readonly receivedAt?: Date;
  /** For sticky teams: the agent who last had a ticket of this customer. */
  readonly customersLastAgentId?: string;
}

export interface RuleMatch {
  readonly rule: RoutingRule;
  /** Each condition that held, e.g. "category=billing", for the decision's trace. */
  readonly because: readonly string[];
}

const listFields = ['category', 'tier', 'region', 'channel', 'language', 'ticketType'] as const;

const oneOf = (accepted: readonly string[], actual: string): boolean =>
  accepted.some((v) => v.toLowerCase() === actual.toLowerCase());

/** A template field's value as the strings a condition compares: scalars, and each element of a list. */
function fieldValues(value: unknown): string[] {
  const scalar = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : typeof v === 'number' || typeof v === 'boolean' ? [String(v)] : [];
  return Array.isArray(value) ? value.flatMap(scalar) : scalar(value);
}

/**
 * Compiled patterns, by source: a rule set is matched against every ticket of a batch. null: a
 * pattern saved before patterns had to be linear-time, which RE2 cannot run; it matches nothing.
 */
const compiled = new Map<string, LinearRegex | null>();
function regexOf(source: string): LinearRegex | null {
  const cached = compiled.get(source);
  if (cached !== undefined) return cached;
  if (compiled.size > 10_000) compiled.clear();
  let regex: LinearRegex | null = null;
  try {
    regex = compileLinearRegex(source, { ignoreCase: true });
  } catch (error) {
    log.warn(
      { pattern: source, reason: String(error) },
      'routing rule pattern cannot run in linear time; it matches nothing until edited',
    );
  }
  compiled.set(source, regex);
  return regex;
}

/** Each check returns why it held, or undefined when it did not. */
function textConditions(c: RuleConditions, ticket: RoutableTicket): string[] | undefined {
  const because: string[] = [];
  const text = `${ticket.subject ?? ''}\n${(ticket.body ?? '').slice(0, BODY_FACT_LIMIT)}`;
  if (c.keywords) {
    const lower = text.toLowerCase();
    const hit = c.keywords.find((k) => lower.includes(k.toLowerCase()));
    if (hit === undefined) return undefined;
    because.push(`keyword "${hit}"`);
  }
  if (c.pattern) {
    const found = regexOf(c.pattern)?.firstMatch(text);
    if (found === undefined) return undefined;
    because.push(`pattern /${c.pattern}/ found "${found.slice(0, 40)}"`);
  }
  return because;
}

function peopleAndFieldConditions(c: RuleConditions, ticket: RoutableTicket): string[] | undefined {
  const because: string[] = [];
  if (c.customFields) {
    for (const [field, accepted] of Object.entries(c.customFields)) {
      const hit = fieldValues(ticket.customFields?.[field]).find((v) => oneOf(accepted, v));
      if (hit === undefined) return undefined;
      because.push(`field ${field}=${hit}`);
    }
  }
  if (c.customerIds) {
    if (!ticket.customerId || !c.customerIds.includes(ticket.customerId)) return undefined;
    because.push('customer listed');
  }
  if (c.companyIds) {
    if (!ticket.companyId || !c.companyIds.includes(ticket.companyId)) return undefined;
    because.push('company listed');
  }
  if (c.businessHours) {
    const inside = withinBusinessHours(c.businessHours, ticket.receivedAt ?? new Date());
    if (inside !== c.businessHours.inside) return undefined;
    because.push(inside ? 'within business hours' : 'outside business hours');
  }
  return because;
}

export function matchRule(rule: RoutingRule, ticket: RoutableTicket): RuleMatch | undefined {
  const because: string[] = [];
  for (const field of listFields) {
    const accepted = rule.conditions[field];
    if (!accepted) continue;
    const actual = (ticket[field] ?? '').toLowerCase();
    if (!oneOf(accepted, actual)) return undefined;
    because.push(`${field}=${actual}`);
  }
  const text = textConditions(rule.conditions, ticket);
  if (!text) return undefined;
  const others = peopleAndFieldConditions(rule.conditions, ticket);
  if (!others) return undefined;
  because.push(...text, ...others);
  return { rule, because: because.length > 0 ? because : ['matches every ticket'] };
}

/** The first rule, by position, whose conditions all hold. */
export function firstMatchingRule(rules: readonly RoutingRule[], ticket: RoutableTicket): RuleMatch | undefined {
  for (const rule of rules) {
    const match = matchRule(rule, ticket);
    if (match) return match;
  }
  return undefined;
}
