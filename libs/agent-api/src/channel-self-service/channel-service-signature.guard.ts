import {
  applyDecorators,
  Inject,
  Injectable,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CONFIG, type Config } from '@switchboard/config';
import { CHANNEL_SELF_SERVICE_KEY_PURPOSE } from '@switchboard/contracts';
import { ApiErrorResponses, purposeKey, SignatureHeaders, verifySignature } from '@switchboard/http';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Channel services (channel-wechat, channel-voice on their own) sign their self-service requests with
 * a key derived from PORTAL_SECRET (else JWT_SECRET) for this purpose alone, over the raw body and a
 * timestamp within five minutes. No agent token or portal session is accepted here.
 */
@Injectable()
export class ChannelServiceSignatureGuard implements CanActivate {
  private readonly key: string | undefined;

  constructor(@Inject(CONFIG) config: Config) {
    const secret = config.portal.secret ?? config.jwtSecret;
    this.key = secret ? purposeKey(secret, CHANNEL_SELF_SERVICE_KEY_PURPOSE) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { rawBody?: Buffer }>();
    const check = this.key
      ? verifySignature({
          secrets: [this.key],
          timestamp: header(request, SignatureHeaders.timestamp),
          signature: header(request, SignatureHeaders.signature),
          body: request.rawBody ?? '',
          now: new Date(),
        })
      : ({ ok: false, reason: 'missing' } as const);
    if (check.ok) return true;
    throw new AgentApiException(
      AgentApiExceptionCode.InvalidServiceSignature,
      check.reason === 'stale'
        ? 'The request is outside the five-minute replay window.'
        : 'Sign the request with the channel self-service key.',
    );
  }
}

export const SignedByChannelService = (): ClassDecorator & MethodDecorator =>
  applyDecorators(
    UseGuards(ChannelServiceSignatureGuard),
    ApiSecurity('channel-service-signature'),
    ApiErrorResponses(401),
  );
