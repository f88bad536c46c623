import type { Message, MessageToProduce } from '@platformatic/kafka';
import type { IncomingRecord, OutgoingRecord } from '../transport';
import { fromKafkaHeaders, toKafkaHeaders } from './kafka-headers.util';

export type KafkaMessage = Message<Buffer, Buffer, Buffer, Buffer>;
export type KafkaMessageToProduce = MessageToProduce<Buffer, Buffer, Buffer, Buffer>;

const empty = Buffer.alloc(0);

export function toKafkaMessage(wireTopic: string, record: OutgoingRecord): KafkaMessageToProduce {
  return {
    topic: wireTopic,
    key: Buffer.from(record.key, 'utf8'),
    // A view, not a copy: the payload is encoded once by the caller and written once to the socket.
    value: Buffer.from(record.value.buffer, record.value.byteOffset, record.value.byteLength),
    headers: toKafkaHeaders(record.headers),
  };
}

/** Rough wire size, used only to keep one produce request under the broker's message.max.bytes. */
export function estimatedSize(record: OutgoingRecord): number {
  let size = 64 + record.key.length * 3 + record.value.byteLength;
  for (const [key, value] of Object.entries(record.headers ?? {})) size += 8 + (key.length + value.length) * 3;
  return size;
}

/** Tombstones and keyless records are legal on the wire; they reach handlers as empty bytes/strings. */
export function toIncomingRecord(logicalTopic: string, message: KafkaMessage): IncomingRecord {
  const key: Buffer | undefined = message.key;
  const value: Buffer | undefined = message.value;
  return {
    topic: logicalTopic,
    partition: message.partition,
    offset: message.offset,
    key: key?.toString('utf8') ?? '',
    value: value ?? empty,
    headers: fromKafkaHeaders(message.headers),
    timestamp: Number(message.timestamp),
  };
}
