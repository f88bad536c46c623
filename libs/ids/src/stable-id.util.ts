import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from a name (sha256, version nibble 8 = custom): the same name always gives
 * the same id, so work done twice for one thing (a redelivered record, a job re-run on one due row)
 * produces one message id, which its consumer dedupes.
 */
export function stableIdOf(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
