import { type ServiceMetrics, gauge } from '@backoffice/kit';
import type { ExtractionQueue } from './extraction-queue.js';

export const EXTRACTION_METRIC = {
  pending: 'backoffice_documents_text_pending',
  extracting: 'backoffice_documents_text_extracting',
  outcomes: 'backoffice_documents_text_extractions',
} as const;

/**
 * The extraction queue on the service's /metrics: documents waiting (from the database, so every
 * replica reports the same backlog), files in hand here, and outcomes since this process started
 * (`DONE`, `FAILED`, `TOO_COMPLEX:time|memory|output|limits`). Alert on a backlog that only grows
 * and on a rising share of TOO_COMPLEX or FAILED.
 */
export function observeExtraction(metrics: ServiceMetrics, queue: ExtractionQueue): void {
  const pending = gauge(metrics, EXTRACTION_METRIC.pending, 'Documents whose text waits to be extracted');
  const extracting = gauge(metrics, EXTRACTION_METRIC.extracting, 'Files this process is extracting now');
  const outcomes = gauge(
    metrics,
    EXTRACTION_METRIC.outcomes,
    'Files extracted by this process since it started, by outcome',
    ['outcome'] as const,
  );
  metrics.onScrape(async () => {
    extracting.set(queue.inHand);
    for (const [outcome, count] of queue.outcomes) outcomes.set({ outcome }, count);
    pending.set(await queue.pending());
  });
}
