import { z } from 'zod';
import { agentRoles, apiKeyScopes } from '@switchboard/auth';

const uuid = z.uuid().transform((id) => id.toLowerCase());
const name = z.string().trim().min(1, 'Required.').max(120);

/** /api/v1/admin/.../:id path. */
export const adminIdParamsSchema = z.object({ id: uuid });

export const departmentBodySchema = z.object({ name, parentId: uuid.nullable().default(null) });

export const createTeamBodySchema = z.object({ name, departmentId: uuid.nullable().default(null) });

export const placeTeamBodySchema = z.object({ departmentId: uuid.nullable() });

const teamIds = z
  .array(uuid)
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'Each team once.', params: { reason: 'duplicate' } });

export const inviteUserBodySchema = z.object({
  email: z.email().max(320),
  name,
  role: z.enum(agentRoles),
  teamIds: teamIds.default([]),
});

export const updateUserBodySchema = z.object({ role: z.enum(agentRoles), teamIds });

export const auditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export const createApiKeyBodySchema = z.object({
  name,
  scopes: z
    .array(z.enum(apiKeyScopes))
    .min(1, 'At least one scope.')
    .refine((s) => new Set(s).size === s.length, { message: 'Each scope once.', params: { reason: 'duplicate' } }),
});
