import { z } from 'zod';

export const updatePresenceSchema = z.object({ status: z.enum(['online', 'away', 'offline']) }).strict();
