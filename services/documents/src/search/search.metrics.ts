import { type ServiceMetrics, gauge } from '@backoffice/kit';
import type { SearchService } from './search.service.js';

export const SEARCH_METRIC = {
  pages: 'backoffice_documents_search_pages',
} as const;

/**
 * Search pages since this process started, by where they came from: `best_matches` (a broad
 * reader's words, from the kept best matches), `best_queries` (a broad reader's whole query that is
 * not words joined by OR, from its own kept matches) or `all_matches` (every readable match ranked). A
 * broad readers' share falling towards `all_matches` means words are not kept (builds failing on the
 * lock timeout: see the service's warnings) or cuts not reached.
 */
export function observeSearch(metrics: ServiceMetrics, search: SearchService): void {
  const pages = gauge(metrics, SEARCH_METRIC.pages, 'Search pages answered by this process, by source', [
    'from',
  ] as const);
  metrics.onScrape(async () => {
    for (const [from, count] of Object.entries(search.pagesFrom)) pages.set({ from }, count);
  });
}
