export * from './test-mail-server';
export * from './start-email-channel';
