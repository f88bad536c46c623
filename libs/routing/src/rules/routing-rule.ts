import { z } from 'zod';

const values = z.array(z.string().min(1).max(100)).min(1).max(100);

/** What a rule looks at. Each listed field must match one of its values; an empty object matches all. */
export const ruleConditionsSchema = z
  .object({
    category: values.optional(),
    tier: values.optional(),
    region: values.optional(),
    channel: values.optional(),
  })
  .strict();

export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

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

export interface RoutingRule {
  readonly id: string;
  readonly name: string;
  readonly position: number;
  readonly conditions: RuleConditions;
  readonly teamId: string;
  readonly priority: 'low' | 'normal' | 'high' | 'urgent' | null;
  readonly requiredSkills: RequiredSkills;
}

/** The facts about a ticket that rules read. */
export interface RoutableTicket {
  readonly category: string;
  readonly tier: string;
  readonly region: string;
  readonly channel: string;
  /** For sticky teams: the agent who last had a ticket of this customer. */
  readonly customersLastAgentId?: string;
}

export interface RuleMatch {
  readonly rule: RoutingRule;
  /** Each condition that held, e.g. "category=billing", for the decision's trace. */
  readonly because: readonly string[];
}

const fields = ['category', 'tier', 'region', 'channel'] as const;

export function matchRule(rule: RoutingRule, ticket: RoutableTicket): RuleMatch | undefined {
  const because: string[] = [];
  for (const field of fields) {
    const accepted = rule.conditions[field];
    if (!accepted) continue;
    const actual = ticket[field].toLowerCase();
    if (!accepted.some((v) => v.toLowerCase() === actual)) return undefined;
    because.push(`${field}=${actual}`);
  }
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
