import { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { Span, TracerProvider } from '@opentelemetry/api';

/**
 * Loaded only by `startTracing` (an exporter configured): a process without one never loads the
 * instrumentations, so nothing is patched and no request pays for them (tracing.ts says why the SDK
 * waits too).
 */
const require = createRequire(import.meta.url);

// Each request's SERVER span, as the http instrumentation's requestHook hands it over.
const serverSpans = new WeakMap<IncomingMessage, Span>();

/** The SERVER span of a request (for its log lines: http-tracing.ts); undefined without tracing. */
export function serverSpanOf(req: IncomingMessage): Span | undefined {
  return serverSpans.get(req);
}

/** Requests nobody traces: the cluster's probes and Prometheus' scrapes, every few seconds on every pod. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

/** `SELECT`, `INSERT`, `BEGIN`, ...: a SQL span's `db.query.summary` and name, so a trace reads like the transaction it was. */
export function sqlVerb(text: string): string {
  const m = /^\s*(?:\/\*[\s\S]*?\*\/\s*)?([A-Za-z]+)/.exec(text);
  return m ? m[1].toUpperCase() : 'SQL';
}

/**
 * The maintained OpenTelemetry instrumentations for what every process does: its HTTP server span
 * (continuing the caller's traceparent), the gateway's subgraph calls on undici (a CLIENT span and the
 * traceparent header), GraphQL parse/validate/execute, and a span per SQL statement. Must run before
 * pg and graphql are first loaded: their hooks patch modules as they are required (the entry points
 * start tracing first for that: subgraph/run.ts, the gateway's main.ts). Returns the unregister call.
 *
 * Personal data stays out: SQL statement text only (enhancedDatabaseReporting off: no parameter
 * values), GraphQL literals replaced by `*` (allowValues off) and no variables, no headers, and a
 * GET's `query`/`variables` redacted from `url.query`.
 */
export function registerPlatformInstrumentations(tracerProvider: TracerProvider): () => void {
  const { registerInstrumentations } =
    require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { GraphQLInstrumentation } =
    require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const unregister = registerInstrumentations({
    tracerProvider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has((req.url ?? '/').split('?')[0]),
        // Outgoing calls only inside a trace: no root spans for background work (the exporter's own
        // calls are suppressed by the SDK).
        requireParentforOutgoingSpans: true,
        redactedQueryParamsServer: ['query', 'variables', 'extensions'],
        requestHook: (span, req) => {
          if (req instanceof IncomingMessage) serverSpans.set(req, span);
        },
      }),
      // The gateway's subgraph fetcher (undici's request on an Agent) and fetch(); readiness probes
      // and warm-up calls outside a request stay untraced.
      new UndiciInstrumentation({ requireParentforSpans: true }),
      new PgInstrumentation({
        enhancedDatabaseReporting: false,
        // Pool polling, leader election and the relay's idle loop belong to no trace.
        requireParentSpan: true,
        ignoreConnectSpans: true,
        requestHook: (span, { query }) => {
          // The instrumentation names a span `pg.query:<VERB> <database>`; the conventions ask for
          // `{db.query.summary}` first.
          const summary = sqlVerb(query.text);
          span.setAttribute('db.query.summary', summary);
          span.updateName(summary);
        },
      }),
      new GraphQLInstrumentation({
        allowValues: false,
        // Per-field spans would multiply a list query's spans by its fields; the SQL spans show where
        // the time goes.
        ignoreResolveSpans: true,
      }),
    ],
  });
  // Our code imports node:http as an ES module, which require hooks never see: requiring it once
  // here hands the http instrumentation the very object `import http` gets, and it patches
  // Server.prototype.emit, which every server shares.
  require('node:http');
  return unregister;
}
