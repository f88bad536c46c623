import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { decodeInboundMessage, Topics, type InboundMessage } from '@switchboard/contracts';
import { PortalLinks } from '@switchboard/self-service';
import { TestTenant } from '@switchboard/testing';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

let h: AgentApiHarness;
let demo: TestTenant;
let blobDir: string;

beforeAll(async () => {
  // The blob store's root is read when the modules are built: a directory of this file's own.
  blobDir = mkdtempSync(join(tmpdir(), 'sb-portal-blobs-'));
  process.env['EMAIL_BLOB_DIR'] = blobDir;
  h = await startAgentApiHarness('portalfiles');
  demo = new TestTenant(h.db, h.world.demoTenantId, 'demo');
});
afterAll(async () => {
  await h.close();
  delete process.env['EMAIL_BLOB_DIR'];
  rmSync(blobDir, { recursive: true, force: true });
});

let next = 700_000;
async function customerTicket(email: string, subject?: string) {
  const customer = await demo.customer({ email });
  return demo.ticket({
    customerId: customer.id,
    status: 'in_progress',
    channel: 'web',
    number: `SB-${++next}`,
    ...(subject ? { subject } : {}),
  });
}

/** A session as a verified code gives one (the code path is the portal spec's). */
async function sessionFor(ticketId: string): Promise<string> {
  const [row] = await h.db.query<{ customer_id: string }>(`SELECT customer_id FROM tickets WHERE id = $1`, [ticketId]);
  return h.app.get(PortalLinks).issueSession({
    tenantId: h.world.demoTenantId,
    tenantSlug: 'demo',
    customerId: row?.customer_id ?? '',
    verified: true,
  });
}

async function publishedFollowUp(bodyText: string): Promise<InboundMessage | undefined> {
  const rows = await h.db.query<{ payload: Buffer }>(`SELECT payload FROM outbox WHERE topic = $1 ORDER BY id`, [
    Topics.inboundMessages,
  ]);
  return rows.map((r) => decodeInboundMessage(new Uint8Array(r.payload))).find((m) => m.bodyText === bodyText);
}

function download(url: string, session: string) {
  return h.app
    .getHttpAdapter()
    .getInstance()
    .inject({ method: 'GET', url, headers: { authorization: `Bearer ${session}` } });
}

const pdf = Buffer.from('%PDF-1.4\n% a receipt\n');
const page = Buffer.from('<script>alert(1)</script>');

describe('portal attachments', () => {
  it('stores the files of a follow-up in the blob store and names them on the published message', async () => {
    const ticket = await customerTicket('files@example.com');
    const session = await sessionFor(ticket.id);
    const posted = await h.api.postAs(`/api/v1/portal/tickets/${ticket.number}/messages`, session, {
      clientMessageId: 'portal-files-0001',
      bodyText: 'Receipt attached',
      attachments: [
        { name: 'C:\\Users\\lin\\receipt.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') },
        // A right-to-left override makes "gpj.exe" read as "exe.jpg"; the name is stored without it.
        { name: 'photo\u202Egpj.exe', contentType: 'not a type', contentBase64: page.toString('base64') },
      ],
    });
    expect(posted.status).toBe(202);
    const message = await publishedFollowUp('Receipt attached');
    expect(message?.attachments.map((a) => [a.name, a.contentType, Number(a.sizeBytes)])).toEqual([
      ['receipt.pdf', 'application/pdf', pdf.length],
      ['photogpj.exe', 'application/octet-stream', page.length],
    ]);
    expect(message?.attachments[0]?.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(message?.attachments[0]?.storageRef).toMatch(/^file:\/\/sha256\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
  });

  it('takes a message of files alone, and refuses an empty one, too many files or too many bytes', async () => {
    const ticket = await customerTicket('limits@example.com');
    const session = await sessionFor(ticket.id);
    const url = `/api/v1/portal/tickets/${ticket.number}/messages`;
    const file = { name: 'a.txt', contentType: 'text/plain', contentBase64: Buffer.from('a').toString('base64') };
    expect(
      (await h.api.postAs(url, session, { clientMessageId: 'portal-files-0002', attachments: [file] })).status,
    ).toBe(202);
    const empty = await h.api.postAs<{ error: { code: string } }>(url, session, {
      clientMessageId: 'portal-files-0003',
    });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'validation_failed']);
    const six = Array.from({ length: 6 }, () => file);
    expect((await h.api.postAs(url, session, { clientMessageId: 'portal-files-0004', attachments: six })).status).toBe(
      400,
    );
    const half = Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64');
    const heavy = await h.api.postAs<{ error: { code: string } }>(url, session, {
      clientMessageId: 'portal-files-0005',
      attachments: [
        { name: 'a.bin', contentBase64: half },
        { name: 'b.bin', contentBase64: half },
      ],
    });
    expect([heavy.status, heavy.body.error.code]).toEqual([400, 'validation_failed']);
    const notBase64 = await h.api.postAs(url, session, {
      clientMessageId: 'portal-files-0006',
      attachments: [{ name: 'a.bin', contentBase64: '<not base64>' }],
    });
    expect(notBase64.status).toBe(400);
  });

  it("serves a file of a public message on the customer's own ticket as a download of a safe type, and nothing else", async () => {
    const ticket = await customerTicket('download@example.com', 'Invoice \u202Efdp.exe');
    const session = await sessionFor(ticket.id);
    await h.api.postAs(`/api/v1/portal/tickets/${ticket.number}/messages`, session, {
      clientMessageId: 'portal-files-0007',
      bodyText: 'Two files',
      attachments: [
        { name: '发票.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') },
        { name: 'page.html', contentType: 'text/html', contentBase64: page.toString('base64') },
      ],
    });
    // What the ticket service stores for the published message (the pipeline is the e2e test's).
    const published = await publishedFollowUp('Two files');
    const stored = (published?.attachments ?? []).map((a) => ({
      name: a.name,
      contentType: a.contentType,
      sizeBytes: Number(a.sizeBytes),
      sha256: a.sha256,
      storageRef: a.storageRef,
    }));
    const inbound = await demo.message(ticket.id, { direction: 'inbound', channel: 'web', bodyText: 'Two files' });
    const note = await demo.message(ticket.id, { direction: 'note', bodyText: 'internal' });
    for (const id of [inbound, note])
      await h.db.query(`UPDATE ticket_messages SET attachments = $2::jsonb WHERE id = $1`, [
        id,
        JSON.stringify(stored),
      ]);

    const view = await h.api.get<{
      ticket: { subject: string; messages: { id: string; attachments: { name: string }[] }[] };
    }>(`/api/v1/portal/tickets/${ticket.number}`, session);
    expect(view.body.ticket.subject).toBe('Invoice fdp.exe');
    expect(view.body.ticket.messages.map((m) => m.id)).toEqual([inbound]);
    expect(view.body.ticket.messages[0]?.attachments.map((a) => a.name)).toEqual(['发票.pdf', 'page.html']);

    const base = `/api/v1/portal/tickets/${ticket.number}/messages`;
    const first = await download(`${base}/${inbound}/attachments/0`, session);
    expect(first.statusCode).toBe(200);
    expect(first.rawPayload.equals(pdf)).toBe(true);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-disposition']).toBe(
      `attachment; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('发票.pdf')}`,
    );
    const html = await download(`${base}/${inbound}/attachments/1`, session);
    expect([html.statusCode, html.headers['content-type'], html.headers['x-content-type-options']]).toEqual([
      200,
      'application/octet-stream',
      'nosniff',
    ]);
    expect((await download(`${base}/${inbound}/attachments/2`, session)).statusCode).toBe(404);
    expect((await download(`${base}/${note}/attachments/0`, session)).statusCode).toBe(404);

    const stranger = await customerTicket('stranger@example.com');
    const strangerSession = await sessionFor(stranger.id);
    expect((await download(`${base}/${inbound}/attachments/0`, strangerSession)).statusCode).toBe(404);
    const other = await download(
      `/api/v1/portal/tickets/${stranger.number}/messages/${inbound}/attachments/0`,
      strangerSession,
    );
    expect(other.statusCode).toBe(404);
    expect((await download(`${base}/${inbound}/attachments/0`, 'not-a-session')).statusCode).toBe(401);
  });
});
