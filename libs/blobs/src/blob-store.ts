import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
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

const STORAGE_REF = /^file:\/\/sha256\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** Reads what LocalBlobStore stored under a root; undefined for a ref of another store or a missing file. */
export async function readLocalBlob(root: string, storageRef: string): Promise<Buffer | undefined> {
  // Only the exact shape we write is read, so a ref from a message can never name another file.
  const [, a, b, hash] = STORAGE_REF.exec(storageRef) ?? [];
  if (!a || !b || !hash || hash.slice(0, 2) !== a || hash.slice(2, 4) !== b) return undefined;
  return readFile(join(root, 'sha256', a, b, hash)).catch(() => undefined);
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

/** Reads what a LocalBlobStore under the same root stored (attachment downloads, kept originals). */
export class BlobReader {
  constructor(readonly root: string) {}

  read(storageRef: string): Promise<Buffer | undefined> {
    return readLocalBlob(this.root, storageRef);
  }
}
