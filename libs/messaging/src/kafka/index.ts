export { createKafkaTransport } from './kafka-transport';
export type { KafkaLogger, KafkaLogLevel, KafkaTransportOptions } from './kafka-transport.options';
