import type { SubgraphDefinition } from '@backoffice/kit';
import { type DocumentsConfig, config } from './config.js';
import { contentRoutes } from './documents/content.routes.js';
import { Document, DocumentGrant, DocumentVersion } from './documents/document.entity.js';
import { documentResolvers } from './documents/document.resolvers.js';
import { accessGrantResolvers } from './grants/access-grant.resolvers.js';
import { DocumentAccessRequest } from './grants/access-request.entity.js';
import { employeeEventsHandler } from './employees/employee-events.handler.js';
import { KnownEmployee } from './employees/known-employee.entity.js';
import { LegalHold } from './legal-holds/legal-hold.entity.js';
import { legalHoldHandler } from './legal-holds/legal-hold.handler.js';
import { payslipIssuedHandler } from './payslips/payslip-issued.handler.js';
import { NoJitForSearch1764202400000 } from './migrations/1764202400000-no-jit-for-search.js';
import { Documents1764202000000 } from './migrations/1764202000000-documents.js';
import { SearchByAccessBranch1764202800000 } from './migrations/1764202800000-search-by-access-branch.js';
import { RecordsKept1764202900000 } from './migrations/1764202900000-records-kept.js';
import { observeExtraction } from './extraction/extraction.metrics.js';
import { TextExtraction1764203000000 } from './migrations/1764203000000-text-extraction.js';
import { SearchAccessKeys1764203100000 } from './migrations/1764203100000-search-access-keys.js';
import { SearchBestMatches1764203300000 } from './migrations/1764203300000-search-best-matches.js';
import { SearchBestQueries1764203400000 } from './migrations/1764203400000-search-best-queries.js';
import { observeSearch } from './search/search.metrics.js';
import { searchResolvers } from './search/search.resolvers.js';
import { type DocumentsServices, documentsServices } from './services.js';
import { FilesystemBlobStore } from './storage/filesystem-blob-store.js';

/** Everything the documents subgraph is made of, for the given settings (tests pass their own). */
export function documentsSubgraphWith(settings: DocumentsConfig): SubgraphDefinition<DocumentsServices> {
  return {
    name: 'documents',
    schemaDir: import.meta.dirname,
    entities: [Document, DocumentVersion, DocumentGrant, DocumentAccessRequest, KnownEmployee, LegalHold],
    migrations: [
      Documents1764202000000,
      NoJitForSearch1764202400000,
      SearchByAccessBranch1764202800000,
      RecordsKept1764202900000,
      TextExtraction1764203000000,
      SearchAccessKeys1764203100000,
      SearchBestMatches1764203300000,
      SearchBestQueries1764203400000,
    ],
    services: documentsServices(settings),
    resolvers: [documentResolvers, searchResolvers, accessGrantResolvers],
    handlers: (services) => [
      employeeEventsHandler(services.retention),
      legalHoldHandler,
      payslipIssuedHandler(services.blobs),
    ],
    routes: contentRoutes,
    jobs: (services) => [
      {
        name: 'retention-purge',
        everyMs: settings.DOCUMENTS_PURGE_EVERY_MS,
        run: async () => {
          await services.retention.purgeExpired();
          if (services.blobs instanceof FilesystemBlobStore) await services.blobs.sweepTemp();
        },
      },
      // Kept best matches that documents written since have grown past their size are cut again.
      {
        name: 'search-best-matches',
        everyMs: 60 * 60 * 1000,
        run: async () => services.search.bestMatches?.tend(),
      },
      // Documents left waiting by a restart, or by a replica that stopped, and any a wake missed.
      {
        name: 'text-extraction',
        everyMs: settings.DOCUMENTS_EXTRACTION_POLL_MS,
        run: () => services.extraction.drain(),
        // Each replica claims its own documents: extraction is shared work, not one replica's.
        everyReplica: true,
      },
    ],
    observe: (metrics, services) => {
      observeExtraction(metrics, services.extraction);
      observeSearch(metrics, services.search);
    },
    // The extraction threads end with the process: files in hand stay PENDING for the next run.
    onStop: (services) => services.extraction.close(),
    // Base64 in GraphQL is a third larger than the file; streamed uploads do not pass through here.
    maxBodyBytes: Math.ceil((settings.DOCUMENTS_MAX_BYTES * 4) / 3) + 64 * 1024,
  };
}

export const documentsSubgraph = documentsSubgraphWith(config);
