export * from './transport';
export * from './retry/handle-with-retry';
export * from './retry/failure-classifier';
export * from './observer/messaging-observer';
export * from './in-process/in-process-transport';
export * from './create-transport';
export * from './nest';
export { createKafkaTransport, DLQ_REPLAY_GROUP, listDeadLetters, replayDeadLetters } from './kafka';
export type { DeadLetter, KafkaTransportOptions } from './kafka';
