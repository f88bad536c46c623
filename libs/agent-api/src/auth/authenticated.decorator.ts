import { applyDecorators, createParamDecorator, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrorResponses } from '@switchboard/http';
import { authenticatedAgentOf } from './authenticated-agent';
import { BearerAuthGuard } from './bearer-auth.guard';
import { RolesGuard } from './roles.guard';
import { TicketAccessGuard } from './ticket-access.guard';

/**
 * Every route of the controller needs a bearer token (401), the route's @Roles, if any (403), and,
 * when its path names a ticket (`tickets/:ref`), the policy's right on that ticket (404).
 */
export const Authenticated = (): ClassDecorator =>
  applyDecorators(
    UseGuards(BearerAuthGuard, RolesGuard, TicketAccessGuard),
    ApiBearerAuth(),
    ApiErrorResponses(401, 403),
  );

/** The agent the bearer token names, as the database knows them now. */
export const CurrentAgent = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  authenticatedAgentOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
