export * from './test-database';
export * from './factories';
export * from './distributed-env';
export * from './boot-app-module';
export * from './test-context';
export * from './test-rows';
