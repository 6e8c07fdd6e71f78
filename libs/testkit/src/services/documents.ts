/**
 * The documents service as benchmarks drive it: its subgraph with settings of the bench's choosing,
 * its search service without kept best matches (the statement compared with), the text extraction pool on
 * its own with the PDF writer that feeds it, and a local S3 server for the S3 store.
 */
export {
  config,
  type DocumentsConfig,
  parseDocumentsConfig,
} from '../../../../services/documents/src/config.js';
export { assemblePdf } from '../../../../services/documents/src/content/minimal-pdf.fixture.js';
export { MAX_INDEXED_CHARS } from '../../../../services/documents/src/content/text-extraction.js';
export { SearchService } from '../../../../services/documents/src/search/search.service.js';
export { documentsSubgraphWith } from '../../../../services/documents/src/documents.subgraph.js';
export { ExtractionPool } from '../../../../services/documents/src/extraction/extraction-pool.js';
export type { DocumentsServices } from '../../../../services/documents/src/services.js';
export { startLocalS3 } from '../../../../services/documents/test/local-s3.js';
