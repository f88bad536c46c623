import {
  CHANNEL_SELF_SERVICE_KEY_PURPOSE,
  ChannelSelfServicePaths,
  type ChannelCustomerIdentity,
  type ChannelTicketLine,
} from '@switchboard/contracts';
import { purposeKey, signedHeaders } from '@switchboard/http';
import { z } from 'zod';

const lineSchema = z.object({
  number: z.string(),
  subject: z.string(),
  status: z.string(),
  statusText: z.object({ en: z.string(), zh: z.string() }),
  visitText: z.string().nullable(),
});
const ticketsSchema = z.object({ tickets: z.array(lineSchema) });
const ratingSchema = z.object({
  rating: z.object({ ticketNumber: z.string(), score: z.number() }).nullable(),
});
const phoneStatusSchema = z.object({ text: z.string() });

export class ChannelSelfServiceUnavailable extends Error {
  constructor(detail: string) {
    super(`customer self-service is unavailable: ${detail}`);
    this.name = 'ChannelSelfServiceUnavailable';
  }
}

/**
 * A channel service's way to customer self-service when it runs on its own (it never opens the ticket
 * database): the agent API's /api/v1/channel-self-service endpoints, each request signed with a key
 * derived from PORTAL_SECRET. Answers are checked as they arrive; a failure is thrown as
 * ChannelSelfServiceUnavailable, for the channel to fall back on (the text becomes a message).
 */
export class ChannelSelfServiceClient {
  private readonly key: string;

  constructor(
    private readonly apiUrl: string,
    portalSecret: string,
    private readonly timeoutMs = 4_000,
  ) {
    this.key = purposeKey(portalSecret, CHANNEL_SELF_SERVICE_KEY_PURPOSE);
  }

  async tickets(customer: ChannelCustomerIdentity, ticketNumber?: string): Promise<ChannelTicketLine[]> {
    const body = { ...customer, ...(ticketNumber ? { ticketNumber } : {}) };
    return (await this.post(ChannelSelfServicePaths.tickets, body, ticketsSchema)).tickets;
  }

  async rate(
    customer: ChannelCustomerIdentity,
    score: number,
    channel: string,
  ): Promise<{ ticketNumber: string; score: number } | undefined> {
    const answer = await this.post(ChannelSelfServicePaths.ratings, { ...customer, score, channel }, ratingSchema);
    return answer.rating ?? undefined;
  }

  async phoneStatus(tenant: string, phone: string, language: string): Promise<string> {
    return (await this.post(ChannelSelfServicePaths.phoneStatus, { tenant, phone, language }, phoneStatusSchema)).text;
  }

  private async post<T>(path: string, body: object, schema: z.ZodType<T>): Promise<T> {
    const payload = JSON.stringify(body);
    let response: Response;
    try {
      response = await fetch(`${this.apiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(this.key, payload, new Date()) },
        body: payload,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ChannelSelfServiceUnavailable(error instanceof Error ? error.message : String(error));
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw new ChannelSelfServiceUnavailable(`${path} answered ${response.status}`);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ChannelSelfServiceUnavailable(`${path} answered an unexpected body`);
    return parsed.data;
  }
}
