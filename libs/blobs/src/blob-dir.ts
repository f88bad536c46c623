/** The blob store's root for every module that writes or reads it: one store serves every channel. */
export const DEFAULT_BLOB_DIR = '.runtime/blobs';

/** EMAIL_BLOB_DIR (named for the first channel that stored attachments), or the default. */
export function blobDirOf(source: Readonly<Record<string, string | undefined>>): string {
  const dir = source['EMAIL_BLOB_DIR']?.trim();
  return dir ? dir : DEFAULT_BLOB_DIR;
}
