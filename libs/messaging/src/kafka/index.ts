export { createKafkaTransport } from './kafka-transport';
export type { KafkaLogger, KafkaLogLevel, KafkaTransportOptions } from './kafka-transport.options';
export { DLQ_REPLAY_GROUP, listDeadLetters, replayDeadLetters } from './dead-letters';
export type { DeadLetter } from './dead-letters';
