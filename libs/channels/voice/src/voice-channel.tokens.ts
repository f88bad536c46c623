/** Injection tokens of the SMS/voice channel (interfaces; classes are injected by class). */
export const VOICE_SQL_CLIENT = Symbol('VOICE_SQL_CLIENT');
export const VOICE_CHANNEL_CONFIG = Symbol('VOICE_CHANNEL_CONFIG');
export const VOICE_BLOB_STORE = Symbol('VOICE_BLOB_STORE');
export const SMS_STATUS_LEDGER = Symbol('SMS_STATUS_LEDGER');
/** Two TwilioMediaFetchers: MMS media (mediaLimits) and voicemail recordings (recordingLimits). */
export const VOICE_MMS_FETCHER = Symbol('VOICE_MMS_FETCHER');
export const VOICE_RECORDING_FETCHER = Symbol('VOICE_RECORDING_FETCHER');
