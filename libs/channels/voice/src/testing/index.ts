export * from './fake-twilio-api';
export * from './sign-twilio-request';
export * from './twilio-fixtures';
export * from './ivr-fixtures';
export * from './voice-test-env';
