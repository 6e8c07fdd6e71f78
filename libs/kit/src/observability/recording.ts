import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, tracingEnabled } from './tracing.js';

export type { ReadableSpan };

/**
 * For tests: registers tracing with an in-memory exporter and hands back what was recorded. Stop it
 * (`afterAll`) so the next test file can register its own.
 */
export function recordSpans(serviceName = 'test'): { spans(): ReadableSpan[]; stop(): Promise<void> } {
  if (tracingEnabled()) throw new Error('tracing is already started in this process; stop it first');
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ serviceName, exporter });
  if (!tracing?.provider) throw new Error('tracing could not be started');
  return {
    spans: () => exporter.getFinishedSpans(),
    stop: () => tracing.shutdown(),
  };
}
