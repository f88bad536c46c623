import type { FastifyInstance } from 'fastify';
import type { Config } from '@switchboard/config';
import type { SubmissionParams, TenantParams, WebChannelController } from './web-channel.controller';

/** Routes only: each handler hands the request to the controller. */
export function registerWebChannelRoutes(app: FastifyInstance, controller: WebChannelController, config: Config): void {
  app.get('/', (_request, reply) => controller.showDefaultForm(reply));
  app.get<{ Params: TenantParams }>('/t/:tenant', (request, reply) =>
    controller.showForm(request.params.tenant, reply),
  );
  app.post<{ Params: TenantParams }>(
    '/api/v1/tenants/:tenant/submissions',
    {
      bodyLimit: config.web.maxBodyBytes,
      onRequest: (request, _reply, done) => controller.checkMediaType(request, done),
    },
    (request, reply) => controller.submit(request, reply),
  );
  app.get<{ Params: SubmissionParams }>('/api/v1/tenants/:tenant/submissions/:messageId', (request, reply) =>
    controller.status(request, reply),
  );
}
