import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import type { ReadPacket, WritePacket } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import type { OutgoingRecord, Transport } from '../transport';
import { TRANSPORT } from './messaging.tokens';

/**
 * ClientProxy over our Transport: `client.emit(Topics.x, records)` publishes one record or an array
 * of records. Unlike ClientProxy's own emit, which does nothing until subscribed, the publish starts
 * at once; the observable completes when the broker acknowledged every record (or errors).
 * Request-response (`send`) is not offered: the system talks in events only.
 */
@Injectable()
export class TransportClient extends ClientProxy {
  readonly #logger = new Logger(TransportClient.name);

  constructor(@Inject(TRANSPORT) private readonly transport: Transport) {
    super();
  }

  async connect(): Promise<void> {
    // The transport is connected by MessagingModule and shared with the consumers.
  }

  async close(): Promise<void> {
    // MessagingModule closes the transport once the consumers have stopped.
  }

  unwrap<T>(): T {
    return this.transport as T;
  }

  override emit<TResult = void, TInput = OutgoingRecord | readonly OutgoingRecord[]>(
    pattern: string,
    data: TInput,
  ): Observable<TResult> {
    const sent = this.dispatchEvent<TResult>({ pattern, data });
    let observed = false;
    sent.catch((error: unknown) => {
      if (!observed)
        this.#logger.error({ err: error, topic: pattern }, 'publish failed and nobody subscribed to emit()');
    });
    return new Observable<TResult>((subscriber) => {
      observed = true;
      sent.then(
        () => subscriber.complete(),
        (error: unknown) => subscriber.error(error),
      );
    });
  }

  protected publish(_packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    callback({
      err: new Error('request-response is not supported by the batch transport: use emit()'),
      isDisposed: true,
    });
    return () => undefined;
  }

  protected async dispatchEvent<T = void>(packet: ReadPacket): Promise<T> {
    await this.transport.publish(String(packet.pattern), toRecords(packet.data));
    return undefined as T;
  }
}

function toRecords(data: unknown): readonly OutgoingRecord[] {
  const records: unknown[] = Array.isArray(data) ? data : [data];
  for (const record of records) {
    if (!isOutgoingRecord(record))
      throw new TypeError('emit() takes an OutgoingRecord { key, value: Uint8Array } or an array of them');
  }
  return records as OutgoingRecord[];
}

function isOutgoingRecord(value: unknown): value is OutgoingRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { key, value: bytes } = value as Partial<OutgoingRecord>;
  return typeof key === 'string' && bytes instanceof Uint8Array;
}
