import { z } from 'zod';

const id = z.uuid().transform((value) => value.toLowerCase());
const label = z.string().trim().min(1).max(64);

/** /api/v1/customers/:id and /api/v1/companies/:id paths. */
export const customerParamsSchema = z.object({ id });

/** GET /api/v1/customers?query=&limit=&after= */
export const searchCustomersQuerySchema = z.object({
  query: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: id.optional(),
});

/** PUT /api/v1/customers/:id: a null tier, region or company clears it. */
export const updateCustomerSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    tier: label.nullable().optional(),
    region: label.nullable().optional(),
    companyId: id.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'Name at least one field to change.',
    params: { reason: 'empty' },
  });

/** POST /api/v1/companies */
export const createCompanySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  domain: z.string().trim().min(1).max(253).optional(),
  tier: label.optional(),
  region: label.optional(),
  externalId: z.string().trim().min(1).max(200).optional(),
});

/** POST /api/v1/customers/:id/merge */
export const mergeCustomerSchema = z.strictObject({ sourceCustomerId: id });

/** POST /api/v1/customers/:id/unmerge */
export const unmergeCustomerSchema = z.strictObject({ mergeId: id });
