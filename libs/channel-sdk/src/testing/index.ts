export * from './conformance-fixtures';
export * from './run-channel-conformance';
export { BusRecorder, eventually, settle } from './bus-recorder';
export { LocalProvider } from './local-provider';
