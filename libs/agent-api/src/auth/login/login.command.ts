import { z } from 'zod';

export const loginCommandSchema = z.object({
  tenant: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Not a tenant slug.'),
  email: z.string().trim().min(1, 'Required.').max(320),
  // Bounded because scrypt's cost grows with the input, and this route is open to anyone.
  password: z.string().min(1, 'Required.').max(1_024),
});

export type LoginCommand = z.output<typeof loginCommandSchema>;
