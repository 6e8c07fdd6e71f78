import type { IncomingHttpHeaders } from 'node:http';
import {
  type Context,
  context,
  type Link,
  propagation,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import { createRequire } from 'node:module';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { SpanExporter, SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { registerPlatformInstrumentations } from './instrumentations.js';

/**
 * The SDK (provider, processors, the OTLP exporter) loads only when a process starts tracing: most
 * run without an exporter, and loading it costs each of them about 7 MiB of resident memory
 * (bench/RESULTS.md, "Footprint"). Synchronous, so starting tracing stays a plain call.
 */
const require = createRequire(import.meta.url);
const sdk = () => ({
  trace: require('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace'),
  contexts:
    require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks'),
  resources: require('@opentelemetry/resources') as typeof import('@opentelemetry/resources'),
});

/**
 * OpenTelemetry for the whole path: gateway -> subgraph -> database through the maintained
 * instrumentations (instrumentations.ts), and producer -> outbox -> bus -> consumer through our own
 * spans (events.ts: NATS has none). Nothing is registered or patched unless `startTracing` runs (an
 * exporter is given, or OTEL_EXPORTER_OTLP_ENDPOINT is set); until then the API's no-op tracer answers
 * the bus's few calls with a non-recording span and the request path runs unpatched.
 */

const TRACER = 'backoffice';
// Used directly rather than through the global API, so a traceparent passes through even when no SDK
// is registered (the logs still carry the caller's trace id).
const w3c = new W3CTraceContextPropagator();
const headerGetter = {
  get: (carrier: Record<string, unknown>, key: string) => {
    const v = carrier[key];
    return Array.isArray(v) ? v[0] : typeof v === 'string' ? v : undefined;
  },
  keys: (carrier: Record<string, unknown>) => Object.keys(carrier),
};
const recordSetter = {
  set: (carrier: Record<string, string>, key: string, value: string) => {
    carrier[key] = value;
  },
};

export interface TracingOptions {
  /** `service.name` of the exported spans. */
  serviceName: string;
  /** Spans go here, unbatched: for tests (an InMemorySpanExporter). */
  exporter?: SpanExporter;
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  provider: TracerProvider;
  /** Flushes what is buffered and unregisters, so a later startTracing can register again. */
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/** Whether spans are being recorded (an SDK is registered): the cheap paths check this first. */
export function tracingEnabled(): boolean {
  return active !== undefined;
}

/** Where spans are exported to: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
export function otlpTracesUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.OTEL_TRACES_EXPORTER === 'none' || env.OTEL_SDK_DISABLED === 'true') return undefined;
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

/**
 * Registers the tracer provider for this process: an explicit exporter (tests), else OTLP/HTTP when
 * the endpoint is configured, else nothing (returns undefined; the no-op tracer stays). One provider
 * per process: a second call while one is active returns the active one (several subgraphs in one
 * test process share it; spans carry `backoffice.service` to tell them apart).
 */
export function startTracing(options: TracingOptions): Tracing | undefined {
  if (active) return active;
  const env = options.env ?? process.env;
  const url = options.exporter ? undefined : otlpTracesUrl(env);
  if (!options.exporter && !url) return undefined;
  const { trace: sdkTrace, contexts, resources } = sdk();
  let processor: SpanProcessor;
  if (options.exporter) processor = new sdkTrace.SimpleSpanProcessor({ exporter: options.exporter });
  else {
    const { OTLPTraceExporter } =
      require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    processor = new sdkTrace.BatchSpanProcessor({
      exporter: new OTLPTraceExporter({ url }),
      // Bounded: a collector that is away costs dropped spans, never memory or request latency.
      maxQueueSize: 4_096,
      maxExportBatchSize: 512,
      scheduledDelayMillis: 2_000,
    });
  }
  // Ours, then OTEL_RESOURCE_ATTRIBUTES (deployment.environment, k8s names, ...) over them, then
  // OTEL_SERVICE_NAME over both, as the specification orders them.
  const resource = resources
    .resourceFromAttributes({ 'service.namespace': 'backoffice', 'service.name': options.serviceName })
    .merge(resources.detectResources({ detectors: [resources.resourceAttributesEnvDetector] }))
    .merge(
      env.OTEL_SERVICE_NAME
        ? resources.resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME })
        : resources.emptyResource(),
    );
  const provider = new sdkTrace.TracerProvider({
    resource,
    spanProcessors: [processor],
  });
  context.setGlobalContextManager(new contexts.AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(w3c);
  trace.setGlobalTracerProvider(provider);
  const unregister = registerPlatformInstrumentations(provider);
  const tracing: Tracing = {
    provider,
    async shutdown() {
      if (active !== tracing) return;
      active = undefined;
      unregister();
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  active = tracing;
  return tracing;
}

/**
 * For a process's start: tracing from its environment (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set).
 * Returns a handle only when this call registered the provider, so a process stopping one of several
 * in-process services (tests) never unregisters a provider someone else started.
 */
export function startTracingFromEnv(
  serviceName: string,
  env: NodeJS.ProcessEnv = process.env,
): Tracing | undefined {
  if (active) return undefined;
  return startTracing({ serviceName, env });
}

/**
 * For a process's exit: flushes and unregisters whatever tracing is active, whoever started it (the
 * entry point starts it before anything else loads, so the services' own stop never owns it).
 */
export async function stopTracing(): Promise<void> {
  await active?.shutdown();
}

export function tracer(): Tracer {
  return trace.getTracer(TRACER);
}

/** The caller's trace context from W3C `traceparent`/`tracestate` headers (or any record holding them). */
export function extractTraceContext(
  carrier: IncomingHttpHeaders | Record<string, unknown>,
  parent: Context = context.active(),
): Context {
  if (!carrier.traceparent) return parent;
  return w3c.extract(parent, carrier as Record<string, unknown>, headerGetter);
}

/** `traceparent` (and `tracestate`) for the active span, or of `ctx`; empty when there is none. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, recordSetter);
  return carrier;
}

/** The active span's W3C traceparent, for the CloudEvent `traceparent` extension attribute. */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  return traceHeaders(ctx).traceparent;
}

/** The trace id for log lines: of `span`, or the active span; undefined when there is no valid trace. */
export function traceIdOf(span: Span | undefined = trace.getActiveSpan()): string | undefined {
  const sc: SpanContext | undefined = span?.spanContext();
  return sc && trace.isSpanContextValid(sc) ? sc.traceId : undefined;
}

export interface SpanOptions {
  kind?: SpanKind;
  links?: Link[];
  attributes?: Record<string, string | number | boolean | undefined>;
  /** The parent context (a producer's, an HTTP caller's); default the active one. */
  parent?: Context;
}

/**
 * Runs `fn` inside a new active span; the span ends when `fn` settles, with status ERROR and the
 * error's message (never its data) when it throws.
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind, attributes: options.attributes, links: options.links },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (e) {
    failSpan(span, e);
    throw e;
  } finally {
    span.end();
  }
}

export function failSpan(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message ?? String(error) });
}

export { SpanKind };
