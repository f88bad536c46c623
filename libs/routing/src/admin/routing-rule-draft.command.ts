import { z } from 'zod';
import { requiredSkillsSchema, ruleConditionsSchema, ruleTagsSchema } from '../rules/routing-rule';

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
    tags: ruleTagsSchema.default([]),
    /** The SLA policy's key the ticket gets (the SLA clocks read it). */
    slaPolicy: z
      .string()
      .regex(/^[a-z0-9_-]{1,64}$/)
      .nullable()
      .default(null),
    /** The category a ticket gets when its channel gave none. */
    setCategory: z.string().trim().min(1).max(100).nullable().default(null),
  })
  .strict();

export type RoutingRuleDraft = z.output<typeof routingRuleDraftSchema>;
