export * from './ticket-fields.exception';
export * from './ticket-fields.view';
export { readTicketFields, type TicketFieldsState } from './ticket-fields.repository';
export * from './update-ticket-fields.use-case';
