import { rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';

/** The blob store as an erasure needs it: remove the blobs behind some storage references. */
export interface BlobEraser {
  /** Deletes what it can; returns the references it removed (a missing file counts as removed). */
  erase(storageRefs: readonly string[]): Promise<string[]>;
}

/**
 * The local blob store's files (`file://sha256/aa/bb/<hash>` under the root the email channel writes).
 * A reference that would resolve outside the root is skipped, never followed.
 */
export class LocalBlobEraser implements BlobEraser {
  constructor(private readonly root: string) {}

  async erase(storageRefs: readonly string[]): Promise<string[]> {
    const removed: string[] = [];
    for (const ref of storageRefs) {
      if (!ref.startsWith('file://')) continue;
      const path = resolve(join(this.root, ref.slice('file://'.length)));
      const inside = relative(resolve(this.root), path);
      if (inside.startsWith('..') || isAbsolute(inside)) continue;
      await rm(path, { force: true });
      removed.push(ref);
    }
    return removed;
  }
}
