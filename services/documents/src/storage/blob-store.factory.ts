import type { DocumentsConfig } from '../config.js';
import type { BlobStore } from './blob-store.js';
import { FilesystemBlobStore } from './filesystem-blob-store.js';
import { type ObjectStorage, S3BlobStore } from './s3-blob-store.js';

/**
 * The store the configuration names. S3 needs an `ObjectStorage` adapter over `@aws-sdk/client-s3`,
 * which is not a dependency yet: without one, DOCUMENTS_STORE=s3 refuses to start rather than
 * silently keeping files on local disk.
 */
export function createBlobStore(config: DocumentsConfig, objectStorage?: ObjectStorage): BlobStore {
  if (config.DOCUMENTS_STORE === 's3') {
    if (!objectStorage) {
      throw new Error(
        'DOCUMENTS_STORE=s3 needs an object-storage adapter over @aws-sdk/client-s3, which is not installed',
      );
    }
    return new S3BlobStore(objectStorage, config.DOCUMENTS_S3_PREFIX);
  }
  return new FilesystemBlobStore(config.DOCUMENTS_DIR);
}
