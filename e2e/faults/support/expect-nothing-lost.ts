import type { FaultReport } from './fault-pipeline';

/** What every scenario must show: each message stored once, none dead-lettered; with routing, all routed within capacity. */
export function expectNothingLost(report: FaultReport): void {
  expect(report).toMatchObject({ stored: report.sent, duplicates: 0, missing: 0, deadLettered: 0 });
  if (report.assigned === undefined) return;
  expect(report).toMatchObject({ unassignedOrQueued: 0, agentsOverCapacity: 0 });
  expect(report.assigned).toBeGreaterThan(0);
}
