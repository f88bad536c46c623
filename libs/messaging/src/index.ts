export * from './transport';
export * from './retry/handle-with-retry';
export * from './in-process/in-process-transport';
export * from './create-transport';
