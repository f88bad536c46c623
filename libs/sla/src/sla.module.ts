import { Module } from '@nestjs/common';
import { DATABASE, type Database } from '@switchboard/persistence';
import { ManageCalendarsUseCase } from './calendars/manage-calendars.use-case';
import { ManagePoliciesUseCase } from './policies/manage-policies.use-case';
import { TicketSlaQuery } from './ticket-sla/ticket-sla.query';

const useCases = [ManagePoliciesUseCase, ManageCalendarsUseCase, TicketSlaQuery];

/** The SLA admin use-cases and the ticket SLA view, which the agent API's endpoints call. Needs DATABASE (global). */
@Module({
  providers: useCases.map((useCase) => ({
    provide: useCase,
    inject: [DATABASE],
    useFactory: (db: Database) => new useCase(db),
  })),
  exports: useCases,
})
export class SlaModule {}
