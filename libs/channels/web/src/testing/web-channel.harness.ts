import { Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { ConfigModule, loadConfig } from '@switchboard/config';
import { createHttpApp, setupOpenApi } from '@switchboard/http';
import { InProcessTransport, MessagingModule, startConsumers } from '@switchboard/messaging';
import { ChannelWebModule } from '../channel-web.module';
import { FakePortalApi } from './fake-portal-api';
import { FakeTicketService } from './fake-ticket-service';

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const submissions = (tenant: string): string => `/api/v1/tenants/${tenant}/submissions`;
export const validForm = {
  name: 'Wang Fang',
  email: 'Wang.Fang@Example.com',
  subject: 'Invoice missing',
  message: 'I did not get my invoice.',
};

export interface WebChannelHarnessOptions {
  readonly receiptTimeoutMs?: number;
  readonly transport?: InProcessTransport;
  /** SUBMISSION_RATE_LIMIT_PER_MINUTE; high by default so that tests do not trip it. */
  readonly submissionsPerMinute?: number;
  /** Serves /api/v1/openapi.json and /docs as the app does. */
  readonly openApi?: boolean;
  /** More environment, e.g. JWT_SECRET for signed portal links. */
  readonly env?: Readonly<Record<string, string>>;
}

@Module({})
class WebChannelTestModule {
  static forRoot(env: Record<string, string>, transport: InProcessTransport): DynamicModule {
    const config = loadConfig(env);
    return {
      module: WebChannelTestModule,
      imports: [
        ConfigModule.forRoot(config),
        MessagingModule.forRoot('web-channel-test', { transport }),
        ChannelWebModule.forRoot(config),
      ],
    };
  }
}

/** ChannelWebModule in a Nest app made by createHttpApp, on the in-process bus, with a fake ticket service. */
export class WebChannelHarness {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly transport: InProcessTransport,
    readonly fake: FakeTicketService,
    private readonly portalApi: FakePortalApi,
  ) {}

  static async start(options: WebChannelHarnessOptions = {}): Promise<WebChannelHarness> {
    const transport = options.transport ?? new InProcessTransport();
    const fake = new FakeTicketService(transport);
    await fake.start();
    const portalApi = await FakePortalApi.start(fake.stored);
    const env = {
      PORTAL_API_URL: portalApi.url,
      WEB_RECEIPT_TIMEOUT_MS: String(options.receiptTimeoutMs ?? 5_000),
      INSTANCE_ID: 'web-test',
      SUBMISSION_RATE_LIMIT_PER_MINUTE: String(options.submissionsPerMinute ?? 100_000),
      ...options.env,
    };
    const app = await createHttpApp(WebChannelTestModule.forRoot(env, transport), { nest: { logger: false } });
    if (options.openApi) setupOpenApi(app, { title: 'web channel' });
    // The receipt consumer is subscribed before the routes take traffic, so no receipt is missed.
    await startConsumers(app);
    await app.getHttpAdapter().getInstance().ready();
    return new WebChannelHarness(app, transport, fake, portalApi);
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

  /** Closes the app (waiting requests answer 202, the receipt consumer stops), then the bus. */
  async stop(): Promise<void> {
    await this.app.close();
    await this.fake.stop();
    await this.portalApi.stop();
    await this.transport.close();
  }
}
