import type { BlobStore } from '@switchboard/blobs';
import { AttachmentSchema, create, displayText, PORTAL_UPLOAD_LIMITS, type Attachment } from '@switchboard/contracts';

/** A file the customer attached to a portal message, as the edge decoded it. */
export interface UploadedFile {
  readonly name: string;
  readonly contentType: string;
  readonly content: Buffer;
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const isControl = (char: string): boolean => {
  const point = char.codePointAt(0) ?? 0;
  return point < 0x20 || (point >= 0x7f && point <= 0x9f);
};

/**
 * A name to store and show: the last path segment (a browser on Windows may send C:\...\a.pdf),
 * without control or hidden characters (a right-to-left override makes "gpj.exe" read "exe.jpg").
 */
export function uploadedFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const printable = Array.from(base)
    .filter((char) => !isControl(char))
    .join('');
  const shown = displayText(printable).text.trim();
  const clipped = Array.from(shown).slice(0, PORTAL_UPLOAD_LIMITS.nameLength).join('');
  return clipped === '' || clipped === '.' || clipped === '..' ? 'attachment' : clipped;
}

/** The declared type when it is one (the download answers a safe type whatever was declared). */
export function uploadedMediaType(type: string): string {
  const bare = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return MEDIA_TYPE.test(bare) ? bare : 'application/octet-stream';
}

/** Stores each file in the blob store and describes it as an InboundMessage attachment. */
export async function storeUploads(blobs: BlobStore, files: readonly UploadedFile[]): Promise<Attachment[]> {
  const attachments: Attachment[] = [];
  for (const file of files) {
    const stored = await blobs.put(file.content);
    attachments.push(
      create(AttachmentSchema, {
        name: uploadedFileName(file.name),
        contentType: uploadedMediaType(file.contentType),
        sizeBytes: BigInt(stored.sizeBytes),
        sha256: stored.sha256,
        storageRef: stored.storageRef,
      }),
    );
  }
  return attachments;
}
