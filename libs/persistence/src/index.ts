export * from './sql-executor';
export * from './open-database';
export * from './entities';
export * from './outbox/outbox-writer';
export * from './outbox/outbox-relay';
export * from './postgres-errors';
export * from './outbox/outbox-flusher';
export * from './outbox/outbox';
