import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, getJson, login, postJson } from './support/http-client';
import { freePort, ServiceProcess } from './support/service-process';
import { describeTicketSlice, findAssigned, submission, type RunningStack } from './support/ticket-slice.scenario';

const AGENTS = ['alice@demo.switchboard.local', 'bob@demo.switchboard.local', 'carol@demo.switchboard.local'];

/** `npm start`'s embedded mode: one process, PGlite on disk, in-process transport, in-memory coordination. */
describe('embedded slice (npm start)', () => {
  let dataDir: string;
  let port: number;
  let standalone: ServiceProcess;
  let stack: RunningStack;

  const start = async (): Promise<ServiceProcess> => {
    const service = new ServiceProcess('standalone', 'apps/standalone/src/main.ts', {
      DATA_DIR: dataDir,
      PORT: String(port),
    });
    await service.waitFor(/Switchboard is running/, 90_000);
    return service;
  };

  async function countTickets(): Promise<number> {
    const numbers = new Set<string>();
    for (const email of AGENTS) {
      const token = await login(stack.apiBase, email);
      const { body } = await getJson<{ tickets: { number: string }[] }>(
        `${stack.apiBase}/api/v1/tickets?limit=200`,
        token,
      );
      for (const t of body.tickets) numbers.add(t.number);
    }
    return numbers.size;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-e2e-embedded-'));
    port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    stack = { webBase: base, apiBase: base, countTickets };
    standalone = await start();
  }, 120_000);

  afterAll(async () => {
    await standalone?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('prints where the form and the API are, and the demo logins', () => {
    expect(standalone.log).toContain(`http://127.0.0.1:${port}/`);
    expect(standalone.log).toContain('alice@demo.switchboard.local');
    expect(standalone.log).toContain('admin@demo.switchboard.local');
  });

  it('gives the newcomer an admin login for what only admins may do, and keeps agents out of it', async () => {
    const admin = await login(stack.apiBase, 'admin@demo.switchboard.local');
    const rules = await getJson<{ rules: { name: string }[] }>(`${stack.apiBase}/api/v1/routing/rules`, admin);
    expect(rules.status).toBe(200);
    expect(rules.body.rules.map((r) => r.name)).toEqual(['Billing questions', 'Everything else']);
    const agent = await login(stack.apiBase, 'alice@demo.switchboard.local');
    expect((await getJson(`${stack.apiBase}/api/v1/routing/rules`, agent)).status).toBe(403);
  });

  it('serves the web form, and no form for a tenant that does not exist', async () => {
    const response = await fetch(`${stack.webBase}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<form');
    expect((await fetch(`${stack.webBase}/t/demo`)).status).toBe(200);
    expect((await fetch(`${stack.webBase}/t/no-such-desk`)).status).toBe(404);
  });

  it('times a new ticket against the demo SLA policy in the same process (the SLA consumer runs embedded)', async () => {
    const { body } = await postJson<{ ticketNumber: string }>(
      `${stack.webBase}/api/v1/tenants/demo/submissions`,
      submission(),
    );
    await findAssigned(stack, body.ticketNumber);
    const admin = await login(stack.apiBase, 'admin@demo.switchboard.local');
    const sla = await eventually(async () => {
      const answer = await getJson<{
        policy: { key: string } | null;
        clocks: { clock: string; dueAt: string | null }[];
      }>(`${stack.apiBase}/api/v1/tickets/${body.ticketNumber}/sla`, admin);
      return answer.body.clocks.length > 0 ? answer.body : undefined;
    });
    expect(sla.policy?.key).toBe('standard');
    expect(sla.clocks.map((c) => c.clock)).toEqual(expect.arrayContaining(['first_response', 'resolution']));
  });

  describeTicketSlice(() => stack);

  it('keeps tickets and submission status links across a restart', async () => {
    const { body } = await postJson<{ ticketNumber: string; messageId: string }>(
      `${stack.webBase}/api/v1/tenants/demo/submissions`,
      submission(),
    );
    await findAssigned(stack, body.ticketNumber);
    expect(await standalone.stop()).toBe(0);
    standalone = await start();
    expect(standalone.log).not.toContain('seeded');
    const again = await findAssigned(stack, body.ticketNumber);
    expect(again.status).toBe('assigned');
    // The restarted process never saw this submission's receipt: the stored one answers.
    const status = await getJson<{ ticketNumber: string }>(
      `${stack.webBase}/api/v1/tenants/demo/submissions/${body.messageId}`,
    );
    expect(status.status).toBe(200);
    expect(status.body.ticketNumber).toBe(body.ticketNumber);
  }, 120_000);
});
