import type { ServiceDeps } from '@backoffice/kit';
import type { DocumentsConfig } from './config.js';
import { DocumentFiling } from './documents/document-filing.service.js';
import { DocumentService } from './documents/document.service.js';
import { RetentionService } from './retention/retention.service.js';
import { SearchService } from './search/search.service.js';
import type { BlobStore } from './storage/blob-store.js';
import { createBlobStore } from './storage/blob-store.factory.js';

export interface DocumentsServices {
  documents: DocumentService;
  filing: DocumentFiling;
  search: SearchService;
  retention: RetentionService;
  blobs: BlobStore;
}

export function documentsServices(settings: DocumentsConfig) {
  return ({ db }: ServiceDeps): DocumentsServices => {
    const blobs = createBlobStore(settings);
    const filing = new DocumentFiling(db, blobs, settings.DOCUMENTS_MAX_BYTES);
    return {
      documents: new DocumentService(db),
      filing,
      search: new SearchService(db),
      retention: new RetentionService(db, filing),
      blobs,
    };
  };
}
