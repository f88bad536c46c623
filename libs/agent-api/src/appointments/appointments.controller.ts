import { Get, HttpCode, Patch, Post } from '@nestjs/common';
import type { z } from 'zod';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import { AppointmentsUseCase, type AppointmentView } from '@switchboard/self-service';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { getTicketParamsSchema, type GetTicketParams } from '../tickets/get-ticket/get-ticket.query';
import {
  appointmentParamsSchema,
  cancelVisitBodySchema,
  moveVisitBodySchema,
  scheduleVisitBodySchema,
} from './appointments.schemas';

type Body<S extends z.ZodType> = z.output<S>;
type VisitParams = Body<typeof appointmentParamsSchema>;

/** Technician visits of a ticket: whoever may see the ticket may schedule, move or cancel them. */
@AgentApiController('appointments')
@Authenticated()
export class AppointmentsController {
  constructor(private readonly visits: AppointmentsUseCase) {}

  @Get('tickets/:ref/appointments')
  @ApiErrorResponses(400, 404)
  async list(
    @CurrentAgent() caller: Agent,
    @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams,
  ): Promise<{ appointments: AppointmentView[] }> {
    return { appointments: await this.visits.list(caller, ref) };
  }

  @Post('tickets/:ref/appointments')
  @ApiErrorResponses(400, 404, 409, 422)
  async schedule(
    @CurrentAgent() caller: Agent,
    @ZodParams(getTicketParamsSchema) { ref }: GetTicketParams,
    @ZodBody(scheduleVisitBodySchema) body: Body<typeof scheduleVisitBodySchema>,
  ): Promise<{ appointment: AppointmentView }> {
    return { appointment: await this.visits.schedule(caller, { ref, ...body }) };
  }

  @Patch('tickets/:ref/appointments/:appointmentId')
  @ApiErrorResponses(400, 404, 409, 422)
  async move(
    @CurrentAgent() caller: Agent,
    @ZodParams(getTicketParamsSchema.extend(appointmentParamsSchema.shape)) params: GetTicketParams & VisitParams,
    @ZodBody(moveVisitBodySchema) body: Body<typeof moveVisitBodySchema>,
  ): Promise<{ appointment: AppointmentView }> {
    return {
      appointment: await this.visits.move(caller, { ref: params.ref, appointmentId: params.appointmentId, ...body }),
    };
  }

  @Post('tickets/:ref/appointments/:appointmentId/cancel')
  @HttpCode(200)
  @ApiErrorResponses(400, 404, 409, 422)
  async cancel(
    @CurrentAgent() caller: Agent,
    @ZodParams(getTicketParamsSchema.extend(appointmentParamsSchema.shape)) params: GetTicketParams & VisitParams,
    @ZodBody(cancelVisitBodySchema) body: Body<typeof cancelVisitBodySchema>,
  ): Promise<{ appointment: AppointmentView }> {
    return {
      appointment: await this.visits.cancel(caller, { ref: params.ref, appointmentId: params.appointmentId, ...body }),
    };
  }
}
