import type { DocumentsConfig } from '../config.js';
import type { BlobStore } from './blob-store.js';
import { FilesystemBlobStore } from './filesystem-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';
import { S3ObjectStorage } from './s3-object-storage.js';

/** The store the configuration names: files under DOCUMENTS_DIR, or objects in an S3 bucket. */
export function createBlobStore(config: DocumentsConfig): BlobStore {
  if (config.DOCUMENTS_STORE === 's3') {
    return new S3BlobStore(s3ObjectStorageFor(config), config.DOCUMENTS_S3_PREFIX);
  }
  return new FilesystemBlobStore(config.DOCUMENTS_DIR);
}

export function s3ObjectStorageFor(config: DocumentsConfig): S3ObjectStorage {
  if (!config.DOCUMENTS_S3_BUCKET) throw new Error('DOCUMENTS_S3_BUCKET is required when DOCUMENTS_STORE=s3');
  return new S3ObjectStorage({
    bucket: config.DOCUMENTS_S3_BUCKET,
    region: config.DOCUMENTS_S3_REGION,
    endpoint: config.DOCUMENTS_S3_ENDPOINT,
    forcePathStyle: config.DOCUMENTS_S3_FORCE_PATH_STYLE,
    accessKeyId: config.DOCUMENTS_S3_ACCESS_KEY_ID,
    secretAccessKey: config.DOCUMENTS_S3_SECRET_ACCESS_KEY,
  });
}
