export * from './rules/routing-rule';
export * from './directory/routing-directory';
export * from './assign-tickets/routing-decision';
export * from './assign-tickets/assign-tickets.use-case';
export * from './assign-tickets/ticket-created.consumer';
export * from './reconcile/reconcile-capacity';
export * from './routing-service.module';
