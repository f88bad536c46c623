import { z } from 'zod';

export const refreshCommandSchema = z.object({ refreshToken: z.string().min(1, 'Required.').max(200) });

/** An invitation or reset token and the new password (bounded: argon2id's cost grows with the input). */
export const setPasswordCommandSchema = z.object({
  token: z.string().min(1, 'Required.').max(200),
  password: z.string().min(12, 'At least 12 characters.').max(1_024),
});
