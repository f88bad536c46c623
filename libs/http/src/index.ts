export * from './api-error';
export * from './http-error-handler';
export * from './create-http-server';
