export * from './test-mail-server';
