import { Delete, Get, Post } from '@nestjs/common';
import type { z } from 'zod';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import { ApiKeysUseCase, type ApiKeyView } from '@switchboard/organisation';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import { adminIdParamsSchema, createApiKeyBodySchema } from './admin.schemas';

/** API keys for integrations: admins only. The key is in the creation answer and nowhere else. */
@AgentApiController('organisation')
@Authenticated()
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysUseCase) {}

  @Get('admin/api-keys')
  async list(@CurrentAgent() admin: Agent): Promise<{ apiKeys: ApiKeyView[] }> {
    return { apiKeys: await this.keys.list(admin.tenantId) };
  }

  @Post('admin/api-keys')
  @ApiErrorResponses(400)
  create(
    @CurrentAgent() admin: Agent,
    @ZodBody(createApiKeyBodySchema) body: z.output<typeof createApiKeyBodySchema>,
  ): Promise<ApiKeyView & { key: string }> {
    return this.keys.create(admin, body);
  }

  @Delete('admin/api-keys/:id')
  @ApiErrorResponses(400, 404)
  revoke(
    @CurrentAgent() admin: Agent,
    @ZodParams(adminIdParamsSchema) { id }: z.output<typeof adminIdParamsSchema>,
  ): Promise<ApiKeyView> {
    return this.keys.revoke(admin, id);
  }
}
