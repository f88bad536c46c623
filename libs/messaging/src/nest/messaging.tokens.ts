/** The process's Transport (an interface: Kafka or in-process), injected by token. */
export const TRANSPORT = Symbol('TRANSPORT');

/** Identifies BatchTransportServer to @nestjs/microservices; @BatchEventPattern handlers bind only to it. */
export const BATCH_TRANSPORT_ID = Symbol('switchboard-batch-transport');
