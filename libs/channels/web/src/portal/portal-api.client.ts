import { z } from 'zod';

const words = z.object({ en: z.string(), zh: z.string() });

/** The customer API's ticket view (GET /api/v1/portal/tickets/:number), checked as it arrives. */
export const portalTicketSchema = z.object({
  number: z.string(),
  subject: z.string(),
  status: z.string(),
  statusText: words,
  nextStep: words,
  canReply: z.boolean(),
  messages: z.array(
    z.object({
      id: z.string(),
      from: z.enum(['customer', 'agent']),
      bodyText: z.string(),
      at: z.string(),
      attachments: z.array(z.object({ name: z.string(), contentType: z.string(), sizeBytes: z.number() })),
    }),
  ),
  visit: z
    .object({
      technicianName: z.string(),
      technicianPhone: z.string(),
      windowText: z.string(),
      address: z.string(),
      note: z.string(),
    })
    .nullable(),
  csat: z.object({ open: z.boolean(), round: z.number(), score: z.number().nullable() }),
});
export type PortalTicket = z.infer<typeof portalTicketSchema>;

const summariesSchema = z.object({
  tickets: z.array(z.object({ number: z.string(), subject: z.string(), statusText: words })),
});
export type PortalTicketSummaries = z.infer<typeof summariesSchema>['tickets'];

const entrySchema = z.object({ session: z.string(), ticketNumber: z.string(), tenant: z.string() });
export type PortalEntryAnswer = z.infer<typeof entrySchema>;

const tenantSchema = z.object({ slug: z.string(), name: z.string() });
export type PublicTenantAnswer = z.infer<typeof tenantSchema>;

/** GET /api/v1/portal/tenants/:tenant/submissions/:messageId: the stored receipt of one submission. */
const storedSubmissionSchema = z.object({
  messageId: z.string(),
  outcome: z.enum(['created', 'appended', 'duplicate', 'rejected']),
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  rejectReason: z.string().nullable(),
  rejectDetail: z.string().nullable(),
  fieldErrors: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type StoredSubmission = z.infer<typeof storedSubmissionSchema>;

/** What went wrong, in the words the pages need; the API's own code otherwise. */
export type PortalFailure =
  'lookup_failed' | 'rate_limited' | 'unauthorized' | 'not_found' | 'conflict' | 'unavailable';

export type PortalAnswer<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: PortalFailure };

function failureOf(status: number, code: string): PortalFailure {
  if (code === 'lookup_failed') return 'lookup_failed';
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  return 'unavailable';
}

async function failureOfResponse(response: Response): Promise<PortalFailure> {
  const json: unknown = await response.json().catch(() => undefined);
  const code = z.object({ error: z.object({ code: z.string() }) }).safeParse(json);
  return failureOf(response.status, code.success ? code.data.error.code : '');
}

/** A file the customer attached in the reply box. */
export interface PortalUpload {
  readonly name: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface PortalDownload {
  readonly contentType: string;
  readonly disposition: string;
  readonly content: Buffer;
}

/**
 * The web channel's way to the ticket domain: the agent API's customer endpoints over HTTP (the
 * channel never touches the ticket database). The customer's address is forwarded, so the API's
 * per-address limits count the customer, not this server (set TRUST_PROXY on the API for it).
 */
export class PortalApiClient {
  constructor(private readonly baseUrl: string) {}

  requestCode(tenant: string, number: string, clientIp: string): Promise<PortalAnswer<unknown>> {
    return this.call(
      'POST',
      `/api/v1/portal/${encodeURIComponent(tenant)}/codes`,
      { body: { number }, clientIp },
      z.unknown(),
    );
  }

  openWithCode(
    tenant: string,
    number: string,
    code: string,
    clientIp: string,
  ): Promise<PortalAnswer<PortalEntryAnswer>> {
    const path = `/api/v1/portal/${encodeURIComponent(tenant)}/sessions`;
    return this.call('POST', path, { body: { number, code }, clientIp }, entrySchema);
  }

  openWithLink(token: string, clientIp: string): Promise<PortalAnswer<PortalEntryAnswer>> {
    return this.call('POST', '/api/v1/portal/links', { body: { token }, clientIp }, entrySchema);
  }

  /** Whether a tenant exists: 'not_found' for a slug no tenant has. */
  tenant(slug: string): Promise<PortalAnswer<PublicTenantAnswer>> {
    return this.call('GET', `/api/v1/portal/tenants/${encodeURIComponent(slug)}`, {}, tenantSchema);
  }

  /** The durable receipt of a submission: 'not_found' while it is on its way (or long forgotten). */
  submission(slug: string, messageId: string): Promise<PortalAnswer<StoredSubmission>> {
    const path = `/api/v1/portal/tenants/${encodeURIComponent(slug)}/submissions/${encodeURIComponent(messageId)}`;
    return this.call('GET', path, {}, storedSubmissionSchema);
  }

  async tickets(session: string): Promise<PortalAnswer<PortalTicketSummaries>> {
    const answer = await this.call('GET', '/api/v1/portal/tickets', { session }, summariesSchema);
    return answer.ok ? { ok: true, value: answer.value.tickets } : answer;
  }

  async ticket(session: string, number: string): Promise<PortalAnswer<PortalTicket>> {
    const answer = await this.call(
      'GET',
      `/api/v1/portal/tickets/${encodeURIComponent(number)}`,
      { session },
      z.object({ ticket: portalTicketSchema }),
    );
    return answer.ok ? { ok: true, value: answer.value.ticket } : answer;
  }

  /** The files travel as base64 in the customer API's JSON. */
  followUp(
    session: string,
    number: string,
    body: { clientMessageId: string; bodyText: string; attachments: readonly PortalUpload[] },
  ): Promise<PortalAnswer<unknown>> {
    const attachments = body.attachments.map((file) => ({
      name: file.name,
      contentType: file.contentType || 'application/octet-stream',
      contentBase64: file.content.toString('base64'),
    }));
    return this.call(
      'POST',
      `/api/v1/portal/tickets/${encodeURIComponent(number)}/messages`,
      { session, body: { clientMessageId: body.clientMessageId, bodyText: body.bodyText, attachments } },
      z.unknown(),
    );
  }

  /** An attachment's bytes with the type and disposition the API chose (always a download). */
  async attachment(
    session: string,
    number: string,
    messageId: string,
    index: number,
  ): Promise<PortalAnswer<PortalDownload>> {
    const path = `/api/v1/portal/tickets/${encodeURIComponent(number)}/messages/${encodeURIComponent(messageId)}/attachments/${index}`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${session}` },
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      return { ok: false, failure: 'unavailable' };
    }
    if (!response.ok) return { ok: false, failure: await failureOfResponse(response) };
    try {
      return {
        ok: true,
        value: {
          contentType: response.headers.get('content-type') ?? 'application/octet-stream',
          disposition: response.headers.get('content-disposition') ?? 'attachment',
          content: Buffer.from(await response.arrayBuffer()),
        },
      };
    } catch {
      return { ok: false, failure: 'unavailable' };
    }
  }

  rate(session: string, number: string, body: { score: number; comment: string }): Promise<PortalAnswer<unknown>> {
    return this.call(
      'POST',
      `/api/v1/portal/tickets/${encodeURIComponent(number)}/rating`,
      { session, body },
      z.unknown(),
    );
  }

  rateWithLink(body: { token: string; score: number; comment: string }): Promise<PortalAnswer<unknown>> {
    return this.call('POST', '/api/v1/portal/ratings', { body }, z.unknown());
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; session?: string; clientIp?: string },
    schema: z.ZodType<T>,
  ): Promise<PortalAnswer<T>> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.session ? { authorization: `Bearer ${options.session}` } : {}),
          ...(options.clientIp ? { 'x-forwarded-for': options.clientIp } : {}),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      return { ok: false, failure: 'unavailable' };
    }
    if (!response.ok) return { ok: false, failure: await failureOfResponse(response) };
    const json: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(json);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, failure: 'unavailable' };
  }
}
