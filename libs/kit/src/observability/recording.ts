import { createRequire } from 'node:module';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { startTracing, tracingEnabled } from './tracing.js';

// Loaded when a test records, not by every process that imports the kit (tracing.ts says why).
const require = createRequire(import.meta.url);

export type { ReadableSpan };

/**
 * For tests: registers tracing with an in-memory exporter and hands back what was recorded. Stop it
 * (`afterAll`) so the next test file can register its own.
 */
export function recordSpans(serviceName = 'test'): { spans(): ReadableSpan[]; stop(): Promise<void> } {
  if (tracingEnabled()) throw new Error('tracing is already started in this process; stop it first');
  const { InMemorySpanExporter } =
    require('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ serviceName, exporter });
  if (!tracing?.provider) throw new Error('tracing could not be started');
  return {
    spans: () => exporter.getFinishedSpans(),
    stop: () => tracing.shutdown(),
  };
}
