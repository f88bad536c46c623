export * from './web-channel.harness';
export * from './fake-ticket-service';
