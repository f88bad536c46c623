import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, demoTenantSlug } from '@switchboard/demo';

export interface ApiAnswer<Body = Record<string, unknown>> {
  readonly status: number;
  readonly body: Body;
  readonly headers: Record<string, unknown>;
}

interface TicketSummary {
  id: string;
  number: string;
  assignee: { id: string; name: string; email: string } | null;
  team: { id: string; name: string } | null;
}

export interface TicketListBody {
  tickets: TicketSummary[];
  nextCursor: string | null;
}

/** A 204 has no body: the answer's body is then an empty object. */
function bodyOf<Body>(text: string): Body {
  return (text ? JSON.parse(text) : {}) as Body;
}

/** Talks to the API through app.inject, the way a client would, with a bearer token when given. */
export class AgentApiClient {
  constructor(private readonly app: FastifyInstance) {}

  async post<Body = Record<string, unknown>>(url: string, payload: Record<string, unknown>): Promise<ApiAnswer<Body>> {
    const response = await this.app.inject({ method: 'POST', url, payload });
    return { status: response.statusCode, body: bodyOf<Body>(response.body), headers: response.headers };
  }

  async put<Body = Record<string, unknown>>(
    url: string,
    payload: Record<string, unknown>,
    token: string,
  ): Promise<ApiAnswer<Body>> {
    const response = await this.app.inject({
      method: 'PUT',
      url,
      payload,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.statusCode, body: bodyOf<Body>(response.body), headers: response.headers };
  }

  async postAs<Body = Record<string, unknown>>(
    url: string,
    token: string,
    payload?: Record<string, unknown>,
  ): Promise<ApiAnswer<Body>> {
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: bodyOf<Body>(response.body), headers: response.headers };
  }

  async patchAs<Body = Record<string, unknown>>(
    url: string,
    token: string,
    payload: Record<string, unknown>,
  ): Promise<ApiAnswer<Body>> {
    const response = await this.app.inject({
      method: 'PATCH',
      url,
      payload,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.statusCode, body: bodyOf<Body>(response.body), headers: response.headers };
  }

  async deleteAs<Body = Record<string, unknown>>(url: string, token: string): Promise<ApiAnswer<Body>> {
    const response = await this.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${token}` } });
    return { status: response.statusCode, body: bodyOf<Body>(response.body), headers: response.headers };
  }

  async get<Body = Record<string, unknown>>(url: string, token?: string): Promise<ApiAnswer<Body>> {
    const headers = token ? { authorization: `Bearer ${token}` } : {};
    const response = await this.app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: bodyOf<Body>(response.body), headers: response.headers };
  }

  async tokenFor(email: string, password = DEMO_PASSWORD, tenant = demoTenantSlug): Promise<string> {
    const answer = await this.post<{ accessToken?: string }>('/api/v1/auth/token', { tenant, email, password });
    if (answer.status !== 200 || !answer.body.accessToken)
      throw new Error(`Login of ${email} failed: ${answer.status}`);
    return answer.body.accessToken;
  }

  async ticketNumbers(url: string, token: string): Promise<string[]> {
    const answer = await this.get<TicketListBody>(url, token);
    if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}`);
    return answer.body.tickets.map((ticket) => ticket.number);
  }
}
