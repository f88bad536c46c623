export * from './fake-wechat-api';
export * from './signed-callbacks';
export * from './wechat-channel.harness';
