import type { Config } from '@switchboard/config';
import type { DemoSeedResult } from '@switchboard/demo';

/** What a newcomer needs after `npm start`: where the form and the API are, and how to log in. */
export function banner(config: Config, baseUrl: string, demo: DemoSeedResult | undefined, demoExists: boolean): string {
  const lines = [
    '',
    `Switchboard is running (embedded mode: PGlite data in ${config.dataDir}, in-process transport, in-memory coordination)`,
    `  Web form (customers):  ${baseUrl}/`,
    `  Customer portal:       ${baseUrl}/t/${config.web.defaultTenant}/portal  (ticket number + mailed code)`,
    `  Agent API:             ${baseUrl}/api/v1  (POST /api/v1/auth/token, GET /api/v1/tickets?assignee=me)`,
  ];
  if (demo) {
    lines.push(`  Demo tenant "${demo.tenantSlug}" seeded. Logins (password "${demo.password}"):`);
    for (const agent of demo.agents)
      lines.push(
        `    ${agent.email.padEnd(32)} ${agent.role.padEnd(8)} ${agent.team ? `team ${agent.team}` : 'no team'}`,
      );
  } else if (demoExists) {
    lines.push(
      '  Demo tenant "demo" from an earlier start; logins alice@, bob@, carol@ and admin@demo.switchboard.local.',
    );
  }
  lines.push('Press Ctrl+C to stop.', '');
  return lines.join('\n');
}
