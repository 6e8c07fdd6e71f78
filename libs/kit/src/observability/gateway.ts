import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { SpanKind, context, trace } from '@opentelemetry/api';
import { Counter, Histogram } from 'prom-client';
import { observabilityPlugin } from './graphql-plugin.js';
import { inServerSpan, requestTraceId } from './http-tracing.js';
import { METRIC, type ServiceMetrics, createServiceMetrics } from './metrics.js';
import { failSpan, startTracingFromEnv, traceHeaders, tracer } from './tracing.js';

type Fetcher = (
  url: string,
  init?: { headers?: unknown; [k: string]: unknown },
) => Promise<{ status: number }>;

/**
 * The gateway's metrics and tracing as a handful of hooks, so the gateway's own code stays about
 * security and routing: wrap each request (`handle`), serve `GET /metrics`, add `plugin` to Apollo,
 * wrap the subgraph fetcher (a CLIENT span per subgraph call and the `traceparent` header it sends).
 */
export interface GatewayObservability {
  metrics: ServiceMetrics;
  plugin: ApolloServerPlugin<any>;
  handle<T>(req: IncomingMessage, res: ServerResponse, pathname: string, route: () => Promise<T>): Promise<T>;
  /** For the gateway's request log line. */
  traceId(req: IncomingMessage): string | undefined;
  serveMetrics(res: ServerResponse): Promise<void>;
  fetcher<F>(fetcher: F): F;
  shutdown(): Promise<void>;
}

const ROUTES = new Set(['/graphql', '/health', '/ready', '/metrics']);

export function gatewayObservability(
  options: { env?: NodeJS.ProcessEnv; processMetrics?: boolean } = {},
): GatewayObservability {
  const tracing = startTracingFromEnv('gateway', options.env);
  const metrics = createServiceMetrics('gateway', { processMetrics: options.processMetrics });
  const responses = new Counter({
    name: METRIC.httpResponses,
    help: 'HTTP responses of the gateway by route and status code',
    labelNames: ['route', 'status'] as const,
    registers: [metrics.registry],
  });
  const fetches = new Histogram({
    name: METRIC.subgraphFetchDuration,
    help: 'Duration of the gateway calls to each subgraph',
    labelNames: ['subgraph', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });

  const observability: GatewayObservability = {
    metrics,
    plugin: observabilityPlugin({ metrics }),
    handle(req, res, pathname, route) {
      const label = ROUTES.has(pathname)
        ? pathname
        : /^\/(documents|exports)\//.test(pathname)
          ? 'passthrough'
          : 'other';
      res.once('close', () => responses.inc({ route: label, status: String(res.statusCode) }));
      return inServerSpan(req, res, label, route);
    },
    traceId: requestTraceId,
    serveMetrics: (res) => metrics.serve(res),
    fetcher<F>(inner: F): F {
      const call = inner as unknown as Fetcher;
      const wrapped: Fetcher = async (url, init) => {
        const target = new URL(url);
        const subgraph = target.host;
        const started = performance.now();
        const span = tracer().startSpan(`POST ${target.host}${target.pathname}`, {
          kind: SpanKind.CLIENT,
          attributes: { 'server.address': target.hostname, 'url.full': url },
        });
        const ctx = trace.setSpan(context.active(), span);
        // RemoteGraphQLDataSource hands the fetcher a plain header record.
        const headers = { ...((init?.headers as Record<string, string>) ?? {}), ...traceHeaders(ctx) };
        let status = 'error';
        try {
          const response = await context.with(ctx, () => call(url, { ...init, headers }));
          status = String(response.status);
          if (span.isRecording()) span.setAttribute('http.response.status_code', response.status);
          return response;
        } catch (e) {
          failSpan(span, e);
          throw e;
        } finally {
          span.end();
          fetches.observe({ subgraph, status }, (performance.now() - started) / 1000);
        }
      };
      return wrapped as unknown as F;
    },
    async shutdown() {
      await tracing?.shutdown();
    },
  };
  return observability;
}
