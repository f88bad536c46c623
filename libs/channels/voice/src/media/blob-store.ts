import { createHash } from 'node:crypto';

/**
 * Where fetched media lands. The same shape as channel-email's content-addressed `BlobStore`
 * (its `LocalBlobStore` satisfies this port as is), so one store serves every channel.
 */
export interface StoredBlob {
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly storageRef: string;
}

export interface BlobStore {
  put(content: Buffer): Promise<StoredBlob>;
}

/** For unit tests: keeps blobs in memory, content-addressed like the real store. */
export class InMemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, Buffer>();

  put(content: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    this.blobs.set(sha256, Buffer.from(content));
    return Promise.resolve({ sha256, sizeBytes: content.length, storageRef: `memory://sha256/${sha256}` });
  }
}
