import type { ServiceDeps } from '@backoffice/kit';
import type { DocumentsConfig } from './config.js';
import { DocumentDeletion } from './documents/document-deletion.service.js';
import { DocumentFiling } from './documents/document-filing.service.js';
import { DocumentService } from './documents/document.service.js';
import { ExtractionPool } from './extraction/extraction-pool.js';
import { ExtractionQueue } from './extraction/extraction-queue.js';
import { MAX_INDEXED_CHARS } from './content/text-extraction.js';
import { AccessGrants } from './grants/access-grant.service.js';
import { RetentionService } from './retention/retention.service.js';
import { BestMatchesKeeper } from './search/best-matches.keeper.js';
import { SearchService } from './search/search.service.js';
import type { BlobStore } from './storage/blob-store.js';
import { createBlobStore } from './storage/blob-store.factory.js';

export interface DocumentsServices {
  documents: DocumentService;
  filing: DocumentFiling;
  deletion: DocumentDeletion;
  grants: AccessGrants;
  search: SearchService;
  retention: RetentionService;
  blobs: BlobStore;
  extraction: ExtractionQueue;
}

export function documentsServices(settings: DocumentsConfig) {
  return ({ db, log }: ServiceDeps): DocumentsServices => {
    const blobs = createBlobStore(settings);
    const pool = new ExtractionPool({
      workers: settings.DOCUMENTS_EXTRACTION_WORKERS,
      timeoutMs: settings.DOCUMENTS_EXTRACTION_TIMEOUT_MS,
      memoryMb: settings.DOCUMENTS_EXTRACTION_MEMORY_MB,
      maxChars: MAX_INDEXED_CHARS,
    });
    // A claim outlives the longest a file may take, plus reading it from the store.
    const leaseMs = settings.DOCUMENTS_EXTRACTION_TIMEOUT_MS + 10_000;
    const extraction = new ExtractionQueue(db, blobs, pool, leaseMs, log);
    const quota = {
      uploadsPerHour: settings.DOCUMENTS_UPLOADS_PER_HOUR,
      bytesPerHour: settings.DOCUMENTS_UPLOAD_BYTES_PER_HOUR,
    };
    const filing = new DocumentFiling(db, blobs, settings.DOCUMENTS_MAX_BYTES, quota, () =>
      extraction.wake(),
    );
    return {
      documents: new DocumentService(db),
      filing,
      deletion: new DocumentDeletion(db),
      grants: new AccessGrants(db),
      search: new SearchService(db, new BestMatchesKeeper(db, { log })),
      retention: new RetentionService(db, filing, settings.DOCUMENTS_DELETED_KEPT_MS),
      blobs,
      extraction,
    };
  };
}
