import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { AgentRole } from '@switchboard/auth';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import { authenticatedAgentOf } from './authenticated-agent';

const ROLES = 'switchboard:agent-api:roles';

/** The roles that may call a route (or every route of a controller); without it, any agent may. */
export const Roles = (...roles: readonly AgentRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** Runs after BearerAuthGuard: 403 forbidden unless the caller has one of the route's @Roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<readonly AgentRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const agent = authenticatedAgentOf(context.switchToHttp().getRequest<FastifyRequest>());
    if (!roles.includes(agent.role)) {
      throw new AgentApiException(AgentApiExceptionCode.Forbidden, `This needs the role ${roles.join(' or ')}.`);
    }
    return true;
  }
}
