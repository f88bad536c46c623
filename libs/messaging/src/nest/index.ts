export * from './messaging.tokens';
export * from './messaging.module';
export * from './batch-event-pattern.decorator';
export * from './batch.context';
export * from './batch-transport.server';
export * from './transport.client';
export * from './start-consumers';
