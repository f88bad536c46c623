export { AgentApiModule } from './agent-api.module';
export { AgentApiException, AgentApiExceptionCode } from './agent-api.exception';
export { TicketTypeException, TicketTypeExceptionCode } from './ticket-types/ticket-type.exception';
export type { AgentView } from './agents/agent.view';
export type { LoginResult } from './auth/login/login.use-case';
export type { TicketListView } from './tickets/list-tickets/list-tickets.use-case';
export type { TicketDetailView, TicketHistoryEntryView, TicketMessageView, TicketView } from './tickets/ticket.view';
