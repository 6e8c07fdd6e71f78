import type { ServiceDeps } from '@backoffice/kit';
import type { DocumentsConfig } from './config.js';
import { DocumentDeletion } from './documents/document-deletion.service.js';
import { DocumentFiling } from './documents/document-filing.service.js';
import { DocumentService } from './documents/document.service.js';
import { AccessGrants } from './grants/access-grant.service.js';
import { RetentionService } from './retention/retention.service.js';
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
}

export function documentsServices(settings: DocumentsConfig) {
  return ({ db }: ServiceDeps): DocumentsServices => {
    const blobs = createBlobStore(settings);
    const filing = new DocumentFiling(db, blobs, settings.DOCUMENTS_MAX_BYTES);
    return {
      documents: new DocumentService(db),
      filing,
      deletion: new DocumentDeletion(db),
      grants: new AccessGrants(db),
      search: new SearchService(db),
      retention: new RetentionService(db, filing, settings.DOCUMENTS_DELETED_KEPT_MS),
      blobs,
    };
  };
}
