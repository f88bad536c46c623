/** Human-readable, per-tenant, never reused: `SB-000123`. Numbers past 999999 simply grow wider. */
export function formatTicketNumber(prefix: string, sequence: bigint | number): string {
  return `${prefix}-${sequence.toString().padStart(6, '0')}`;
}
