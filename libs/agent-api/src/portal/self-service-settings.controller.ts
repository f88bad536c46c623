import { Get, Put } from '@nestjs/common';
import { z } from 'zod';
import { ApiErrorResponses, ZodBody } from '@switchboard/http';
import { SelfServiceSettingsUseCase, type SelfServiceSettings } from '@switchboard/self-service';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const settingsBodySchema = z
  .object({
    askCsat: z.boolean(),
    csatDelaySeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400),
    autoCloseAfterDays: z.number().int().min(1).max(365).nullable(),
    timeZone: z.string().refine(isTimeZone, 'An IANA time zone such as Asia/Shanghai.'),
    visitTicketTypes: z.array(z.string().regex(/^[a-z0-9_-]{1,64}$/)).max(50),
  })
  .strict();

/** The tenant's self-service settings: whether and when to ask for a rating, auto-close, visits. */
@AgentApiController('self-service')
@Authenticated()
export class SelfServiceSettingsController {
  constructor(private readonly settings: SelfServiceSettingsUseCase) {}

  @Get('self-service/settings')
  @Roles('manager', 'admin')
  async read(@CurrentAgent() caller: Agent): Promise<{ settings: SelfServiceSettings }> {
    return { settings: await this.settings.read(caller.tenantId) };
  }

  @Put('self-service/settings')
  @Roles('admin')
  @ApiErrorResponses(400)
  async save(
    @CurrentAgent() caller: Agent,
    @ZodBody(settingsBodySchema) body: z.output<typeof settingsBodySchema>,
  ): Promise<{ settings: SelfServiceSettings }> {
    return { settings: await this.settings.save(caller.tenantId, body) };
  }
}
