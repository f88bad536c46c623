export * from './run-service';
export * from './run-nest-service';
export * from './service-platform.module';
