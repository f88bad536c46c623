export * from './merge-tickets.command';
export * from './merge-tickets.use-case';
export * from './split-ticket.command';
export * from './split-ticket.use-case';
export * from './resolve-merged-ticket';
