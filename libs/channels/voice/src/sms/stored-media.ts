/** A media item (MMS picture, voicemail recording) after it was fetched into the blob store. */
export interface StoredMedia {
  readonly name: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly storageRef: string;
}

/** A media item that was not stored, and why: it goes on the message, never dropped in silence. */
export interface SkippedMedia {
  readonly name: string;
  readonly reason: string;
}

export const attachmentsOf = (media: readonly StoredMedia[]) =>
  media.map((m) => ({
    name: m.name,
    contentType: m.contentType,
    sizeBytes: BigInt(m.sizeBytes),
    sha256: m.sha256,
    storageRef: m.storageRef,
  }));

export const skippedMetadataOf = (skipped: readonly SkippedMedia[]): Record<string, string> =>
  skipped.length === 0 ? {} : { media_skipped: skipped.map((s) => `${s.name}: ${s.reason}`).join('; ') };
