import type { z } from 'zod';
import { Get, HttpCode, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountSessionUseCase, OrganisationException } from '@switchboard/organisation';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiErrorResponses, ZodBody } from '@switchboard/http';
import { AgentPresenceUseCase, type PresenceView } from '@switchboard/routing';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { toAgentView, type AgentView } from '../agents/agent.view';
import { updatePresenceSchema } from '../presence/update-presence.command';
import { Authenticated, CurrentAgent } from './authenticated.decorator';
import { loginCommandSchema, type LoginCommand } from './login/login.command';
import { LoginUseCase, type LoginResult } from './login/login.use-case';
import { LoginRateLimitGuard } from './login-rate-limit.guard';
import { sessionOf } from './authenticated-agent';
import { refreshCommandSchema, setPasswordCommandSchema } from './login/session.commands';

/** Sends a lockout's Retry-After: the filter answers the error, the header says when to try again. */
async function withRetryAfter<T>(reply: FastifyReply, result: Promise<T>): Promise<T> {
  try {
    return await result;
  } catch (error) {
    if (error instanceof OrganisationException && error.retryAfterSeconds) {
      reply.header('retry-after', String(error.retryAfterSeconds));
    }
    throw error;
  }
}

/** Sign-in and its session: the open routes of the agent API (each rate-limited), and logout. */
@AgentApiController('auth')
export class AuthController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly sessions: AccountSessionUseCase,
  ) {}

  @Post('auth/token')
  @HttpCode(200)
  @UseGuards(LoginRateLimitGuard)
  @ApiOkResponse({ description: 'A 15-minute bearer access token, a refresh token for the session, and the agent.' })
  @ApiErrorResponses(400, 401, 429)
  token(
    @ZodBody(loginCommandSchema) command: LoginCommand,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResult> {
    return withRetryAfter(reply, this.login.execute(command));
  }

  @Post('auth/refresh')
  @HttpCode(200)
  @UseGuards(LoginRateLimitGuard)
  @ApiOkResponse({ description: 'A new access token and refresh token; the presented refresh token is spent.' })
  @ApiErrorResponses(400, 401, 429)
  refresh(@ZodBody(refreshCommandSchema) command: z.output<typeof refreshCommandSchema>): Promise<LoginResult> {
    return this.login.refresh(command.refreshToken);
  }

  @Post('auth/password')
  @HttpCode(204)
  @UseGuards(LoginRateLimitGuard)
  @ApiErrorResponses(400, 401, 429)
  async setPassword(@ZodBody(setPasswordCommandSchema) command: z.output<typeof setPasswordCommandSchema>) {
    await this.sessions.setPassword(command.token, command.password);
  }
}

/** Ends the session of the presented access token: its refresh token and access tokens stop working. */
@AgentApiController('auth')
@Authenticated()
export class LogoutController {
  constructor(private readonly sessions: AccountSessionUseCase) {}

  @Post('auth/logout')
  @HttpCode(204)
  async logout(@CurrentAgent() me: Agent, @Req() request: FastifyRequest): Promise<void> {
    const sessionId = sessionOf(request);
    if (sessionId) await this.sessions.logout(me.tenantId, sessionId);
  }
}

/** The caller themself: who they are, and their presence for routing. */
@AgentApiController('me')
@Authenticated()
export class MeController {
  constructor(private readonly presence: AgentPresenceUseCase) {}

  @Get('me')
  me(@CurrentAgent() me: Agent): AgentView {
    return toAgentView(me);
  }

  @Put('me/presence')
  @ApiErrorResponses(400)
  setPresence(
    @CurrentAgent() me: Agent,
    @ZodBody(updatePresenceSchema) body: z.output<typeof updatePresenceSchema>,
  ): Promise<PresenceView | undefined> {
    return this.presence.setPresence(me.tenantId, me.id, body.status);
  }

  @Post('me/heartbeat')
  @HttpCode(200)
  heartbeat(@CurrentAgent() me: Agent): Promise<PresenceView | undefined> {
    return this.presence.heartbeat(me.tenantId, me.id);
  }
}
