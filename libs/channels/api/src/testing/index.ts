export * from './local-integrator';
export * from './signed-api-request';
