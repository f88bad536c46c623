import { Get, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import { UpdateTicketFieldsUseCase, type TicketFieldsView } from '@switchboard/tickets';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import type { GetTicketParams } from '../tickets/get-ticket/get-ticket.query';
import { GetTicketFieldsUseCase } from './get-ticket-fields.use-case';
import { ReadTicketTypesUseCase } from './read-ticket-types.use-case';
import { SaveTicketTypeUseCase } from './save-ticket-type.use-case';
import {
  saveTicketTypeSchema,
  ticketFieldsParamsSchema,
  ticketTypeParamsSchema,
  updateTicketFieldsSchema,
  type SaveTicketTypeCommand,
  type UpdateTicketFieldsCommand,
} from './ticket-type.dto';
import type { TicketTypeView } from './ticket-type.view';

/** Ticket types and their templates (admins define them), and the custom fields of tickets. */
@AgentApiController('ticket types')
@Authenticated()
export class TicketTypesController {
  constructor(
    private readonly types: ReadTicketTypesUseCase,
    private readonly saveType: SaveTicketTypeUseCase,
    private readonly getFields: GetTicketFieldsUseCase,
    private readonly updateFields: UpdateTicketFieldsUseCase,
  ) {}

  @Get('ticket-types')
  list(@CurrentAgent() me: Agent): Promise<{ ticketTypes: TicketTypeView[] }> {
    return this.types.list(me.tenantId);
  }

  @Get('ticket-types/:key')
  @ApiErrorResponses(400, 404)
  get(@CurrentAgent() me: Agent, @ZodParams(ticketTypeParamsSchema) { key }: { key: string }): Promise<TicketTypeView> {
    return this.types.get(me.tenantId, key);
  }

  /** 201 when the type is new, 200 when its definition was replaced. */
  @Put('ticket-types/:key')
  @Roles('admin')
  @ApiErrorResponses(400)
  async save(
    @CurrentAgent() me: Agent,
    @ZodParams(ticketTypeParamsSchema) { key }: { key: string },
    @ZodBody(saveTicketTypeSchema) command: SaveTicketTypeCommand,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketTypeView> {
    const saved = await this.saveType.execute(me, key, command);
    reply.status(saved.created ? 201 : 200);
    return saved.type;
  }

  @Get('tickets/:ref/fields')
  @ApiErrorResponses(400, 404)
  fields(
    @CurrentAgent() me: Agent,
    @ZodParams(ticketFieldsParamsSchema) params: GetTicketParams,
  ): Promise<TicketFieldsView> {
    return this.getFields.execute(me, params);
  }

  @Put('tickets/:ref/fields')
  @ApiErrorResponses(400, 404, 409)
  setFields(
    @CurrentAgent() me: Agent,
    @ZodParams(ticketFieldsParamsSchema) { ref }: GetTicketParams,
    @ZodBody(updateTicketFieldsSchema) command: UpdateTicketFieldsCommand,
  ): Promise<TicketFieldsView> {
    return this.updateFields.execute(me, ref, command);
  }
}
