export * from './adapter/channel-adapter';
export * from './adapter/channel-sdk.exception';
// Signing lives in @switchboard/http (one HMAC scheme for every signed request); the SDK re-exports it.
export {
  SignatureHeaders,
  DEFAULT_REPLAY_WINDOW_SECONDS,
  signPayload,
  signedHeaders,
  verifySignature,
} from '@switchboard/http';
export type { SignatureCheck, VerifySignatureInput } from '@switchboard/http';
export * from './ingress/channel-ingress';
export * from './metrics/channel-metrics';
export * from './outbound/deliver-with-retry';
export * from './outbound/delivery-report';
export { channelOutboundHandler, TextTooLongError } from './outbound/channel-outbound-handler';
export { outboundGroupOf } from './outbound/channel-outbound.consumer';
export { inboundRequestOf } from './webhook/inbound-request';
export type { WebhookRouteOptions, WebhookAnswer } from './webhook/channel-webhook.controller';
export * from './nest/channel-sdk.module';
export { channelTokens } from './nest/channel-tokens';
export * from './store/channel-sql-client';
export * from './self-service/channel-self-service.client';
