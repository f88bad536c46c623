export { registerWebChannel, type WebChannel, type WebChannelDeps } from './web-channel';
export { WebChannelError, WebChannelErrorCode } from './web-channel.error';
export type { SubmissionBody } from './http/submission-response';
