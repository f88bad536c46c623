import { Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiErrorResponses, ZodBody, ZodParams } from '@switchboard/http';
import {
  calendarDayInputSchema,
  calendarInputSchema,
  calendarUpdateSchema,
  importDaysInputSchema,
  ManageCalendarsUseCase,
  type CalendarDayInput,
  type CalendarInput,
  type CalendarUpdate,
  type CalendarView,
  type ImportDaysInput,
} from '@switchboard/sla';
import { AgentApiController } from '../agent-api-controller.decorator';
import type { Agent } from '../agents/agent.repository';
import { Authenticated, CurrentAgent } from '../auth/authenticated.decorator';
import { Roles } from '../auth/roles.guard';
import { calendarDayParamsSchema, slaIdParamsSchema, type CalendarDayParams, type SlaIdParams } from './sla.params';

type Calendar = Promise<{ calendar: CalendarView }>;

/**
 * Business calendars (time zone, weekly hours, holidays and make-up working days; official days
 * imported from chinese-days or date-holidays): admins only. Every change recomputes the due times
 * of the open tickets the calendar times.
 */
@AgentApiController('sla')
@Authenticated()
@Roles('admin')
export class SlaCalendarsController {
  constructor(private readonly calendars: ManageCalendarsUseCase) {}

  @Get('sla/calendars')
  async list(@CurrentAgent() admin: Agent): Promise<{ calendars: CalendarView[] }> {
    return { calendars: await this.calendars.list(admin.tenantId) };
  }

  @Post('sla/calendars')
  @ApiErrorResponses(400, 409, 422)
  async create(@CurrentAgent() admin: Agent, @ZodBody(calendarInputSchema) body: CalendarInput): Calendar {
    return { calendar: await this.calendars.create(admin.tenantId, body) };
  }

  /** With its edited days. */
  @Get('sla/calendars/:id')
  @ApiErrorResponses(400, 404)
  async get(@CurrentAgent() admin: Agent, @ZodParams(slaIdParamsSchema) { id }: SlaIdParams): Calendar {
    return { calendar: await this.calendars.get(admin.tenantId, id) };
  }

  @Put('sla/calendars/:id')
  @ApiErrorResponses(400, 404, 409, 422)
  async replace(
    @CurrentAgent() admin: Agent,
    @ZodParams(slaIdParamsSchema) { id }: SlaIdParams,
    @ZodBody(calendarUpdateSchema) body: CalendarUpdate,
  ): Calendar {
    return { calendar: await this.calendars.update(admin.tenantId, id, body) };
  }

  @Delete('sla/calendars/:id')
  @HttpCode(204)
  @ApiErrorResponses(400, 404, 409)
  async remove(@CurrentAgent() admin: Agent, @ZodParams(slaIdParamsSchema) { id }: SlaIdParams): Promise<void> {
    await this.calendars.remove(admin.tenantId, id);
  }

  /** A holiday, or a working day (a make-up Saturday) with its hours; an admin's day survives imports. */
  @Put('sla/calendars/:id/days/:date')
  @ApiErrorResponses(400, 404)
  async setDay(
    @CurrentAgent() admin: Agent,
    @ZodParams(calendarDayParamsSchema) { id, date }: CalendarDayParams,
    @ZodBody(calendarDayInputSchema) body: CalendarDayInput,
  ): Calendar {
    return { calendar: await this.calendars.setDay(admin.tenantId, id, date, body) };
  }

  @Delete('sla/calendars/:id/days/:date')
  @ApiErrorResponses(400, 404)
  async clearDay(
    @CurrentAgent() admin: Agent,
    @ZodParams(calendarDayParamsSchema) { id, date }: CalendarDayParams,
  ): Calendar {
    return { calendar: await this.calendars.clearDay(admin.tenantId, id, date) };
  }

  /** Official days of the given years: China's schedule (chinese-days) or a country's holidays (date-holidays). */
  @Post('sla/calendars/:id/import')
  @HttpCode(200)
  @ApiErrorResponses(400, 404, 422)
  async importDays(
    @CurrentAgent() admin: Agent,
    @ZodParams(slaIdParamsSchema) { id }: SlaIdParams,
    @ZodBody(importDaysInputSchema) body: ImportDaysInput,
  ): Calendar {
    return { calendar: await this.calendars.importOfficial(admin.tenantId, id, body) };
  }
}
