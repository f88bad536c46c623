export { ChannelWebModule } from './channel-web.module';
export { WebChannelException, WebChannelExceptionCode, SubmissionRejectedException } from './web-channel.exception';
export type { SubmissionBody } from './http/submission-response';
