import type { z } from 'zod';
import { Get, HttpCode, Post, Put, UseGuards } from '@nestjs/common';
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

/** POST /api/v1/auth/token: the one open route of the agent API. */
@AgentApiController('auth')
export class AuthController {
  constructor(private readonly login: LoginUseCase) {}

  @Post('auth/token')
  @HttpCode(200)
  @UseGuards(LoginRateLimitGuard)
  @ApiOkResponse({ description: 'A bearer access token, its lifetime in seconds, and the agent.' })
  @ApiErrorResponses(400, 401, 429)
  token(@ZodBody(loginCommandSchema) command: LoginCommand): Promise<LoginResult> {
    return this.login.execute(command);
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
