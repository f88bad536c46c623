export { VoiceChannelException, VoiceChannelExceptionCode } from './voice-channel.exception';
export { WebhookPaths, callbackUrl, type WebhookPath } from './webhook-paths';
export {
  loadVoiceChannelConfig,
  numberSettingsOf,
  voiceNumbersConfigured,
  loadVoiceDeliveryPolicy,
  VoiceConfigError,
  type VoiceChannelConfig,
  type VoiceNumberSettings,
} from './config/voice-channel.config';
export {
  verifyTwilioRequest,
  publicUrlOf,
  formParamsOf,
  type TwilioWebhookRequest,
  type TwilioSignatureSecrets,
  type WebhookParams,
} from './signature/twilio-signature';
export { toE164, toSenderAddress, type CountryCode } from './phone/e164';
export { parseInboundSms, MAX_MEDIA_PER_MESSAGE, type InboundSms, type InboundMedia } from './sms/inbound-sms';
export { smsToInboundMessage, smsConversationKey, type SmsInboundContext } from './sms/to-inbound-sms';
export { classifySmsIntent, type SmsIntent, type SmsIntentContext } from './sms/sms-intent';
export { quotedTicketNumberOf } from './sms/quoted-ticket-number';
export {
  receiveSms,
  smsReplyTwiml,
  type ReceivedSms,
  type ReceiveSmsContext,
  type ReceiveSmsDeps,
} from './sms/receive-sms';
export type { StoredMedia, SkippedMedia } from './sms/stored-media';
export {
  ticketStatusText,
  unknownTicketText,
  noOpenTicketText,
  csatPromptText,
  csatThanksText,
  replyLanguageOf,
  type ReplyLanguage,
} from './sms/self-service-wording';
export {
  classifyKeyword,
  keywordSetOf,
  DEFAULT_KEYWORDS,
  type KeywordAction,
  type KeywordSet,
} from './opt-out/opt-out-keywords';
export {
  InMemoryOptOutStore,
  OPT_OUT_STORE,
  type OptOut,
  type OptOutSource,
  type OptOutStore,
} from './opt-out/opt-out.store';
export { undeliverableTo, optedOutDetail, type Undeliverable } from './opt-out/undeliverable';
export { InMemoryBlobStore, type BlobStore, type StoredBlob } from './media/blob-store';
export { DEFAULT_MEDIA_LIMITS, isAllowedType, type MediaLimits } from './media/media-limits';
export { TwilioMediaFetcher, type TwilioCredentials } from './media/twilio-media-fetcher';
export { fetchMessageMedia, type FetchedMedia } from './media/fetch-message-media';
export { SmsSender, type OutboundSms, type SendSmsOutcome, type SmsSenderOptions } from './outbound/sms-sender';
export { countSmsSegments, type SegmentCount, type SmsEncoding } from './outbound/sms-segments';
export {
  parseSmsStatusCallback,
  undeliveredSmsReport,
  OUTBOUND_STATUSES,
  type OutboundStatus,
  type SmsStatusUpdate,
} from './outbound/sms-status-callback';
export { TwilioErrorCodes, describeTwilioError } from './outbound/twilio-errors';
export {
  ivrSettingsSchema,
  resolveMenuChoice,
  IVR_LANGUAGES,
  type IvrLanguage,
  type IvrSettings,
  type MenuChoice,
  type MenuOption,
} from './voice/ivr-menu';
export {
  incomingCallTwiml,
  repeatMenuTwiml,
  ticketStatusTwiml,
  voicemailTwiml,
  voicemailDoneTwiml,
  type CallLinks,
} from './voice/voice-twiml';
export * from './voice/call-webhooks';
export {
  InMemoryCallStateStore,
  CALL_STATE_STORE,
  type CallState,
  type CallStateStore,
} from './voice/call-state.store';
export { missedByCallStatus, missedByRecording, type MissedCallReason } from './voice/missed-call';
export {
  voicemailToInboundMessage,
  transcriptToInboundMessage,
  missedCallToInboundMessage,
  voiceConversationKey,
  type VoiceInboundContext,
} from './voice/to-voice-inbound';
export {
  answerIncomingCall,
  answerMenuChoice,
  TICKET_STATUS_LOOKUP,
  type TicketStatusLookup,
  type CallDeps,
} from './voice/answer-call';
export { HttpTicketStatusLookup } from './voice/http-ticket-status-lookup';
export { messageOfRecording, messageOfTranscription, messageOfCallStatus, type Stamp } from './voice/voice-callbacks';
export { ChannelVoiceModule, type ChannelVoiceModuleOptions } from './channel-voice.module';
export { VoiceChannelAdapter, VOICE_CHANNEL_NAME, TwilioUnavailableError } from './voice-channel.adapter';
export {
  VOICE_SQL_CLIENT,
  VOICE_CHANNEL_CONFIG,
  VOICE_BLOB_STORE,
  SMS_STATUS_LEDGER,
  VOICE_MMS_FETCHER,
  VOICE_RECORDING_FETCHER,
} from './voice-channel.tokens';
export { PgOptOutStore } from './store/pg-opt-out.store';
export { PgCallStateStore } from './store/pg-call-state.store';
export { PgSmsStatusLedger, type SmsStatusLedger } from './store/sms-status-ledger';
export { SmsWebhooks } from './webhooks/sms-webhooks';
export { VoiceWebhooks } from './webhooks/voice-webhooks';
export {
  TwilioWebhookVerifier,
  type TwilioHttpRequest,
  type VerifiedWebhook,
} from './webhooks/twilio-webhook-verifier';
