export * from './fake-wechat-api';
export * from './signed-callbacks';
