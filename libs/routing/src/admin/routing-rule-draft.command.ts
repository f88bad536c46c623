import { z } from 'zod';
import { requiredSkillsSchema, ruleConditionsSchema } from '../rules/routing-rule';

export const RULE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** A rule as an admin saves it (create or full replace); the team is checked against the tenant later. */
export const routingRuleDraftSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    position: z.number().int().min(1).max(1_000_000),
    enabled: z.boolean().default(true),
    conditions: ruleConditionsSchema,
    requiredSkills: requiredSkillsSchema.default([]),
    teamId: z.uuid(),
    priority: z.enum(RULE_PRIORITIES).nullable().default(null),
  })
  .strict();

export type RoutingRuleDraft = z.output<typeof routingRuleDraftSchema>;
