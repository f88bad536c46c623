import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { apiKeyScopeFor, type AgentRole } from '@switchboard/auth';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import { apiKeyOf, authenticatedAgentOf } from './authenticated-agent';

const ROLES = 'switchboard:agent-api:roles';

/** The roles that may call a route (or every route of a controller); without it, any agent may. */
export const Roles = (...roles: readonly AgentRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/**
 * Runs after BearerAuthGuard: 403 forbidden unless the caller has one of the route's @Roles, and, for
 * an API key, unless the key has the scope the route needs (apiKeyScopeFor; none: keys are refused).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<readonly AgentRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = apiKeyOf(request);
    if (key) {
      const needed = apiKeyScopeFor(request.method, request.routeOptions.url ?? '');
      if (!needed || !key.scopes.includes(needed)) {
        throw new AgentApiException(
          AgentApiExceptionCode.Forbidden,
          needed ? `This API key lacks the scope ${needed}.` : 'API keys cannot call this route.',
        );
      }
    }
    if (!roles) return true;
    const agent = authenticatedAgentOf(request);
    if (!roles.includes(agent.role)) {
      throw new AgentApiException(AgentApiExceptionCode.Forbidden, `This needs the role ${roles.join(' or ')}.`);
    }
    return true;
  }
}
