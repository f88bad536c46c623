export * from './test-database';
export * from './factories';
export * from './distributed-env';
export * from './boot-app-module';
