import { Get, HttpCode, Put, Redirect, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import { OidcSignInUseCase } from '@switchboard/organisation';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from './authenticated.decorator';
import { LoginRateLimitGuard } from './login-rate-limit.guard';
import { LoginUseCase, type LoginResult } from './login/login.use-case';
import { loginCommandSchema } from './login/login.command';
import { Roles } from './roles.guard';

const tenantParamsSchema = z.object({ tenant: loginCommandSchema.shape.tenant });
const httpUrl = z.url({ protocol: /^https?$/ }).max(2_000);

export const oidcSettingsSchema = z.object({
  issuer: httpUrl,
  clientId: z.string().min(1).max(200),
  clientSecret: z.string().min(1).max(500),
  redirectUri: httpUrl,
});

/** Single sign-on per tenant (OpenID Connect): open routes, rate-limited like the password login. */
@AgentApiController('auth')
@UseGuards(LoginRateLimitGuard)
export class OidcController {
  constructor(
    private readonly oidc: OidcSignInUseCase,
    private readonly login: LoginUseCase,
  ) {}

  @Get('auth/oidc/:tenant/start')
  @Redirect()
  @ApiErrorResponses(400, 404, 429)
  async start(@ZodParams(tenantParamsSchema) { tenant }: z.output<typeof tenantParamsSchema>) {
    const { authorizationUrl } = await this.oidc.start(tenant);
    return { url: authorizationUrl, statusCode: 302 };
  }

  @Get('auth/oidc/:tenant/callback')
  @ApiErrorResponses(400, 401, 404, 429)
  callback(
    @ZodParams(tenantParamsSchema) { tenant }: z.output<typeof tenantParamsSchema>,
    @Req() request: FastifyRequest,
  ): Promise<LoginResult> {
    return this.login.finishSingleSignOn(tenant, new URL(request.url, 'http://callback.invalid'));
  }
}

/** The tenant's identity provider: admins only; the client secret is written, never read back. */
@AgentApiController('organisation')
@Authenticated()
@Roles('admin')
export class OidcSettingsController {
  constructor(private readonly oidc: OidcSignInUseCase) {}

  @Put('admin/oidc')
  @HttpCode(204)
  @ApiErrorResponses(400)
  async configure(
    @CurrentAgent() admin: Agent,
    @ZodBody(oidcSettingsSchema) body: z.output<typeof oidcSettingsSchema>,
  ): Promise<void> {
    await this.oidc.configure(admin, body);
  }
}
