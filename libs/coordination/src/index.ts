export * from './capacity-store';
export * from './in-memory/in-memory-capacity-store';
export * from './redis/redis-capacity-store';
export * from './create-capacity-store';
export * from './coordination.module';
