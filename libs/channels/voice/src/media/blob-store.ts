import { createHash } from 'node:crypto';
import type { BlobStore, StoredBlob } from '@switchboard/blobs';

/** Where fetched media lands: the shared store of @switchboard/blobs (its LocalBlobStore in the app). */
export type { BlobStore, StoredBlob };

/** For unit tests: keeps blobs in memory, content-addressed like the real store. */
export class InMemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, Buffer>();

  put(content: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    this.blobs.set(sha256, Buffer.from(content));
    return Promise.resolve({ sha256, sizeBytes: content.length, storageRef: `memory://sha256/${sha256}` });
  }
}
