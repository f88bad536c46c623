export * from './observability.module';
export * from './observability.options';
export * from './health/readiness-probe';
export * from './health/readiness-registry';
export * from './health/provide-readiness-probe';
export * from './metrics/metrics';
export * from './metrics/http-metrics';
export { REQUEST_ID_HEADER, requestIdFrom } from './logging/request-id';
