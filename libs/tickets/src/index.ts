export * from './ingest-inbound-messages/ingest-inbound-messages.use-case';
export * from './ingest-inbound-messages/ingest-inbound-messages.consumer';
export * from './ingest-inbound-messages/ingest-inbound-messages.command';
export * from './ingest-inbound-messages/inbound-message.validation';
export * from './shared/tenant-directory';
export * from './shared/ticket-number';
export * from './shared/audit-event';
export * from './ticket-service.module';
