import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_TTL_MS = 10 * 60_000;
/** Codes mailed to one contact per CODE_TTL_MS: more requests get the same answer and no mail. */
export const CODES_PER_CONTACT = 5;

/** Six digits, from the CSPRNG. */
export const newLookupCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Only this is stored: the code bound to its ticket, so a leaked table row opens nothing. */
export const hashLookupCode = (ticketId: string, code: string): string =>
  createHash('sha256').update(`${ticketId}:${code.trim()}`).digest('hex');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
