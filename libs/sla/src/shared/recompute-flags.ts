import type { SqlExecutor } from '@switchboard/persistence';

/**
 * Marks the open tickets a calendar or policy change may move, for the timer loop's recompute pass
 * (which re-matches, retargets and audits them in batches). A policy change may make any open ticket
 * of the tenant match another policy, so it marks them all.
 */
export async function flagRecompute(
  tx: SqlExecutor,
  tenantId: string,
  scope: { readonly calendarId: string } | { readonly tenantWide: true },
): Promise<void> {
  const byCalendar = 'calendarId' in scope;
  await tx.query(
    `UPDATE sla_tickets SET needs_recompute = true
      WHERE tenant_id = $1 AND NOT needs_recompute AND status NOT IN ('resolved', 'closed', 'merged')
        ${byCalendar ? 'AND calendar_id = $2' : ''}`,
    byCalendar ? [tenantId, scope.calendarId] : [tenantId],
  );
}
