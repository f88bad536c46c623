import { randomUUID } from 'node:crypto';
import { eventually, getJson, login, postJson, postOversized } from './http-client';

export interface RunningStack {
  readonly webBase: string;
  readonly apiBase: string;
  /** How many tickets the tenant has, read the way this stack allows (SQL or the agents' API). */
  countTickets(): Promise<number>;
}

interface TicketJson {
  id: string;
  number: string;
  status: string;
  subject: string;
  assignee: { id: string; email: string } | null;
  team: { name: string } | null;
}

const SUPPORT_AGENTS = ['alice@demo.switchboard.local', 'bob@demo.switchboard.local'];

export function submission(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Wei Zhang',
    email: `wei.${randomUUID().slice(0, 8)}@example.com`,
    subject: 'Order 1042 arrived damaged',
    message: 'The box was crushed and the screen is cracked. 屏幕碎了。',
    category: 'general',
    ...overrides,
  };
}

/** Finds the ticket in the inbox of whichever Support agent it was assigned to. */
export async function findAssigned(stack: RunningStack, ticketNumber: string): Promise<TicketJson> {
  const tokens = await Promise.all(SUPPORT_AGENTS.map((email) => login(stack.apiBase, email)));
  return eventually(
    async () => {
      for (const token of tokens) {
        const { body } = await getJson<{ tickets: TicketJson[] }>(`${stack.apiBase}/api/v1/tickets?assignee=me`, token);
        const hit = body.tickets.find((t) => t.number === ticketNumber);
        if (hit) return hit;
      }
      return undefined;
    },
    30_000,
    `ticket ${ticketNumber} in a Support agent's inbox`,
  );
}

/** The first slice as a user sees it: submit the form, get a number, an agent has the ticket. */
export function describeTicketSlice(stack: () => RunningStack): void {
  it('turns a web submission into a numbered ticket that a Support agent sees assigned to them', async () => {
    const sent = submission();
    const { status, body } = await postJson<{ status: string; ticketNumber: string }>(
      `${stack().webBase}/api/v1/tenants/demo/submissions`,
      sent,
    );
    expect(status).toBe(201);
    expect(body.ticketNumber).toMatch(/^SB-\d{6}$/);
    const ticket = await findAssigned(stack(), body.ticketNumber);
    expect(ticket.subject).toBe(sent.subject);
    expect(ticket.status).toBe('assigned');
    expect(ticket.team?.name).toBe('Support');
    expect(SUPPORT_AGENTS).toContain(ticket.assignee?.email);
  });

  it('routes a billing question to the Billing team, whose manager sees it', async () => {
    const { body } = await postJson<{ ticketNumber: string }>(
      `${stack().webBase}/api/v1/tenants/demo/submissions`,
      submission({ category: 'billing', subject: 'Charged twice' }),
    );
    const token = await login(stack().apiBase, 'carol@demo.switchboard.local');
    const ticket = await eventually(async () => {
      const { body: list } = await getJson<{ tickets: TicketJson[] }>(
        `${stack().apiBase}/api/v1/tickets?assignee=me`,
        token,
      );
      return list.tickets.find((t) => t.number === body.ticketNumber);
    });
    expect(ticket.team?.name).toBe('Billing');
  });

  it('answers a repeated submission with the same ticket number and stores one ticket', async () => {
    const sent = submission({ clientMessageId: `form-${randomUUID()}` });
    const url = `${stack().webBase}/api/v1/tenants/demo/submissions`;
    const first = await postJson<{ status: string; ticketNumber: string }>(url, sent);
    const before = await stack().countTickets();
    const second = await postJson<{ status: string; ticketNumber: string }>(url, sent);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'duplicate', ticketNumber: first.body.ticketNumber });
    expect(await stack().countTickets()).toBe(before);
  });

  it('opens a linked ticket, never appends, for a public-form message quoting a number (the sender is unproven)', async () => {
    const url = `${stack().webBase}/api/v1/tenants/demo/submissions`;
    const sent = submission();
    const first = await postJson<{ status: string; ticketNumber: string }>(url, sent);
    expect(first.body.status).toBe('created');
    const number = first.body.ticketNumber;
    // Anyone can type a customer's email and a sequential number: only the portal's verified session appends.
    for (const quoted of [
      { ...sent, ticketNumber: number.toLowerCase(), subject: 'Any news?', message: 'Still waiting.' },
      { ...sent, subject: `Re: ${number} photos`, message: 'Here are photos of the box.' },
      submission({ ticketNumber: number, subject: `About ${number}`, message: 'Is this mine?' }),
    ]) {
      const answer = await postJson<{ status: string; ticketNumber: string }>(url, quoted);
      expect(answer.body.status).toBe('created');
      expect(answer.body.ticketNumber).not.toBe(number);
    }
  });

  it('refuses bad input with a machine-readable reason and stores nothing', async () => {
    const url = `${stack().webBase}/api/v1/tenants/demo/submissions`;
    const before = await stack().countTickets();
    const missing = await postJson<{ error: { code: string; fields: { field: string }[] } }>(url, { name: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('validation_failed');
    expect(missing.body.error.fields.map((f) => f.field).sort()).toEqual(['email', 'message', 'subject']);
    const huge = await postOversized(url, JSON.stringify(submission({ message: 'x'.repeat(2_000_000) })));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    const plain = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(plain.status).toBe(415);
    expect(((await plain.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await stack().countTickets()).toBe(before);
  });
}
