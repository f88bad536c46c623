/** Kafka headers are byte pairs; ours are UTF-8 strings both ways. A repeated key keeps its last value. */
export function toKafkaHeaders(headers: Readonly<Record<string, string>> | undefined): Map<Buffer, Buffer> {
  const encoded = new Map<Buffer, Buffer>();
  for (const [key, value] of Object.entries(headers ?? {})) {
    encoded.set(Buffer.from(key, 'utf8'), Buffer.from(value, 'utf8'));
  }
  return encoded;
}

export function fromKafkaHeaders(headers: ReadonlyMap<Buffer | undefined, Buffer | undefined>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [key, value] of headers) {
    if (key === undefined) continue;
    decoded[key.toString('utf8')] = value?.toString('utf8') ?? '';
  }
  return decoded;
}
