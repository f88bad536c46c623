import { z } from 'zod';
import { slaConditionsSchema, slaEscalationSchema, slaReminderSchema, slaTargetsSchema } from './sla-policy';

const policyBase = z
  .object({
    key: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'lowercase letters, digits, - and _ (routing names the policy by it)'),
    name: z.string().trim().min(1).max(200),
    position: z.number().int().min(1).max(100_000),
    enabled: z.boolean().default(true),
    conditions: slaConditionsSchema.default({}),
    calendarId: z.uuid(),
    targets: slaTargetsSchema,
    reminders: z.array(slaReminderSchema).max(5).default([]),
    escalations: z.array(slaEscalationSchema).max(3).default([]),
  })
  .strict();

/** The rules across fields, shared by create and update. */
function checkPolicy(p: z.output<typeof policyBase>, ctx: z.RefinementCtx): void {
  if (new Set(p.escalations.map((e) => e.level)).size !== p.escalations.length)
    ctx.addIssue({ code: 'custom', message: 'one entry per escalation level', path: ['escalations'] });
  if (!p.escalations.every((e) => e.notify.length > 0 || e.reassignTeamId !== undefined || e.raisePriority))
    ctx.addIssue({
      code: 'custom',
      message: 'an escalation level notifies, reassigns or raises the priority',
      path: ['escalations'],
    });
  if (!Object.values(p.targets).some((t) => t !== undefined))
    ctx.addIssue({ code: 'custom', message: 'a policy needs at least one target', path: ['targets'] });
}

export const policyInputSchema = policyBase.superRefine(checkPolicy);
/** A full replacement; `version` is the one the admin read (a newer one answers 409 stale_version). */
export const policyUpdateSchema = policyBase.extend({ version: z.number().int().positive() }).superRefine(checkPolicy);

export type PolicyInput = z.output<typeof policyInputSchema>;
export type PolicyUpdate = z.output<typeof policyUpdateSchema>;
