export {
  LocalBlobStore,
  AttachmentTooLargeError,
  readLocalBlob,
  BlobReader,
  type BlobStore,
  type StoredBlob,
} from './blob-store';
export { blobDirOf, DEFAULT_BLOB_DIR } from './blob-dir';
