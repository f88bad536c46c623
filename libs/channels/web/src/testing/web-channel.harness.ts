import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '@switchboard/config';
import { createHttpServer } from '@switchboard/http';
import { InProcessTransport } from '@switchboard/messaging';
import { registerWebChannel, type WebChannel } from '../web-channel';
import { FakeTicketService } from './fake-ticket-service';

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const submissions = (tenant: string): string => `/api/v1/tenants/${tenant}/submissions`;
export const validForm = {
  name: 'Wang Fang',
  email: 'Wang.Fang@Example.com',
  subject: 'Invoice missing',
  message: 'I did not get my invoice.',
};

/** The web channel on a real Fastify server and in-process bus, with a fake ticket service behind it. */
export class WebChannelHarness {
  private constructor(
    readonly app: FastifyInstance,
    readonly transport: InProcessTransport,
    readonly fake: FakeTicketService,
    readonly channel: WebChannel,
  ) {}

  static async start(receiptTimeoutMs = 5_000, transport = new InProcessTransport()): Promise<WebChannelHarness> {
    const fake = new FakeTicketService(transport);
    await fake.start();
    const app = await createHttpServer('web-channel-test');
    const config = loadConfig({ WEB_RECEIPT_TIMEOUT_MS: String(receiptTimeoutMs), INSTANCE_ID: 'web-test' });
    const channel = await registerWebChannel(app, { transport, config });
    await app.ready();
    return new WebChannelHarness(app, transport, fake, channel);
  }

  postJson(payload: object, tenant = 'acme', headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url: submissions(tenant),
      payload,
      headers: { 'user-agent': 'jest/30', ...headers },
    });
  }

  /** A browser form post: urlencoded body, Accept preferring HTML. */
  postForm(fields: Record<string, string>, tenant = 'acme'): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url: submissions(tenant),
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,*/*;q=0.8' },
    });
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return this.app.inject({ method: 'GET', url });
  }

  async stop(): Promise<void> {
    await this.channel.close();
    await this.app.close();
    await this.transport.close();
  }
}
