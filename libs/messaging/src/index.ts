export * from './transport';
export * from './retry/handle-with-retry';
