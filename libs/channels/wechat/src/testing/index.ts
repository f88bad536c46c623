export * from './fake-wechat-api';
