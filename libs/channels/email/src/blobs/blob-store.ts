import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newId } from '@switchboard/ids';

export interface StoredBlob {
  readonly sha256: string;
  readonly sizeBytes: number;
  /** `file://sha256/<aa>/<bb>/<hash>`: relative to the store's root, so the root can move. */
  readonly storageRef: string;
}

export interface BlobStore {
  put(content: Buffer): Promise<StoredBlob>;
}

export class AttachmentTooLargeError extends Error {
  constructor(
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`attachment of ${sizeBytes} bytes exceeds the limit of ${limitBytes} bytes`);
    this.name = 'AttachmentTooLargeError';
  }
}

/** Content-addressed files under a local directory: the same bytes are stored once. */
export class LocalBlobStore implements BlobStore {
  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
  ) {}

  async put(content: Buffer): Promise<StoredBlob> {
    if (content.length > this.maxBytes) throw new AttachmentTooLargeError(content.length, this.maxBytes);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const relative = join('sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    const path = join(this.root, relative);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(join(path, '..'), { recursive: true });
      // Written aside and renamed, so a reader never sees half a file and racing writers agree.
      const temp = `${path}.${newId()}.tmp`;
      await writeFile(temp, content);
      await rename(temp, path);
    }
    return { sha256, sizeBytes: content.length, storageRef: `file://${relative.split('\\').join('/')}` };
  }
}
