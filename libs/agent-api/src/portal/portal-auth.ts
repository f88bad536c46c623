import {
  applyDecorators,
  createParamDecorator,
  Injectable,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrorResponses } from '@switchboard/http';
import {
  PortalLinks,
  SelfServiceException,
  SelfServiceExceptionCode,
  type PortalSession,
} from '@switchboard/self-service';

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)[ ]*$/i;
const sessions = new WeakMap<FastifyRequest, PortalSession>();

/**
 * The customer side's own authentication: `Authorization: Bearer <portal session>`, a short-lived
 * HMAC-signed token from a verified code or link (never an agent's JWT, which it does not accept).
 */
@Injectable()
export class PortalSessionGuard implements CanActivate {
  constructor(private readonly links: PortalLinks) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) {
      throw new SelfServiceException(
        SelfServiceExceptionCode.PortalUnauthorized,
        'Open your ticket with its number and code first.',
      );
    }
    sessions.set(request, this.links.readSession(token));
    return true;
  }
}

export const CustomerSession = (): ClassDecorator & MethodDecorator =>
  applyDecorators(UseGuards(PortalSessionGuard), ApiBearerAuth('portal-session'), ApiErrorResponses(401));

export const CurrentCustomer = createParamDecorator((_data: unknown, context: ExecutionContext): PortalSession => {
  const session = sessions.get(context.switchToHttp().getRequest<FastifyRequest>());
  if (!session) throw new SelfServiceException(SelfServiceExceptionCode.PortalUnauthorized, 'No portal session.');
  return session;
});
