export * from './test-mail-server';
export * from './smtp-fault-proxy';
