import { z } from 'zod';

/**
 * Where a page of tickets ended. createdAt is Postgres' own text with microseconds: a JS Date keeps
 * only milliseconds, and a rounded cursor would skip tickets created within the same millisecond.
 */
export interface TicketCursor {
  readonly createdAt: string;
  readonly id: string;
}

const cursorSchema = z.object({
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
  id: z.uuid(),
});

export function encodeTicketCursor(cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify({ createdAt: cursor.createdAt, id: cursor.id })).toString('base64url');
}

export function decodeTicketCursor(encoded: string): TicketCursor | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
