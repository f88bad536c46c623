import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '@switchboard/persistence';
import { AgentApiException, toHttpError } from '../agent-api.exception';
import { authenticatedAgentOf } from '../auth/authenticated-agent';
import { requireRole } from '../routing/require-role.util';
import { parseInput } from '../validation/parse-input.util';
import { mailboxInputSchema, mailboxParamsSchema, type MailboxInput } from './mailbox.dto';
import { MailboxAdminUseCase } from './mailbox-admin.use-case';
import { MailboxException, mailboxHttpError } from './mailbox.exception';

export interface MailboxRoutesDeps {
  readonly db: Database;
}

const inputOf = (body: unknown): MailboxInput => {
  const { password: _refused, ...input } = parseInput(mailboxInputSchema, body);
  return input;
};

/** The email channel's support mailboxes, for admins only. Registered inside the authenticated scope. */
export function mailboxRoutes(deps: MailboxRoutesDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const mailboxes = new MailboxAdminUseCase(deps.db);
    const adminTenant = (request: FastifyRequest): string =>
      requireRole(authenticatedAgentOf(request), ['admin']).tenantId;
    const idOf = (request: FastifyRequest): string => parseInput(mailboxParamsSchema, request.params).id;

    app.setErrorHandler((error) => {
      if (error instanceof MailboxException) throw mailboxHttpError(error);
      throw error instanceof AgentApiException ? toHttpError(error) : error;
    });

    app.get('/api/v1/email/mailboxes', async (request) => mailboxes.list(adminTenant(request)));
    app.get('/api/v1/email/mailboxes/:id', async (request) => mailboxes.get(adminTenant(request), idOf(request)));
    app.post('/api/v1/email/mailboxes', async (request, reply) => {
      const tenantId = adminTenant(request);
      const created = await mailboxes.create(tenantId, inputOf(request.body));
      return reply.code(201).send(created);
    });
    app.put('/api/v1/email/mailboxes/:id', async (request) =>
      mailboxes.replace(adminTenant(request), idOf(request), inputOf(request.body)),
    );
    app.delete('/api/v1/email/mailboxes/:id', async (request) =>
      mailboxes.disable(adminTenant(request), idOf(request)),
    );
  };
}
