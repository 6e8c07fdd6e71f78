import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram } from 'prom-client';
import { observabilityPlugin } from './graphql-plugin.js';
import { nameRequestRoute, requestTraceId } from './http-tracing.js';
import { METRIC, type ServiceMetrics, createServiceMetrics } from './metrics.js';
import { startTracingFromEnv, tracingEnabled } from './tracing.js';

type Fetcher = (
  url: string,
  init?: { headers?: unknown; [k: string]: unknown },
) => Promise<{ status: number }>;

/**
 * The gateway's metrics and tracing as a handful of hooks, so the gateway's own code stays about
 * security and routing: wrap each request (`handle`: its route for the metrics and the server span),
 * serve `GET /metrics`, add `plugin` to Apollo, wrap the subgraph fetcher (its duration per subgraph).
 * The spans themselves, the subgraph calls' CLIENT spans and their `traceparent` header included, come
 * from the instrumentations (instrumentations.ts).
 */
export interface GatewayObservability {
  metrics: ServiceMetrics;
  plugin: ApolloServerPlugin<any>;
  handle<T>(res: ServerResponse, pathname: string, route: () => Promise<T>): Promise<T>;
  /** For the gateway's request log line. */
  traceId(req: IncomingMessage): string | undefined;
  serveMetrics(res: ServerResponse): Promise<void>;
  fetcher<F>(fetcher: F): F;
  /** A query answered with one subgraph's data as it came (gateway direct/direct-answers.ts). */
  directAnswered(subgraph: string): void;
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
  const directAnswers = new Counter({
    name: METRIC.directAnswers,
    help: 'Queries the gateway answered with the one subgraph answer their plan needs, as it came',
    labelNames: ['subgraph'] as const,
    registers: [metrics.registry],
  });

  const observability: GatewayObservability = {
    metrics,
    plugin: observabilityPlugin({ metrics }),
    handle(res, pathname, route) {
      const label = ROUTES.has(pathname)
        ? pathname
        : /^\/(documents|exports)\//.test(pathname)
          ? 'passthrough'
          : 'other';
      res.once('close', () => responses.inc({ route: label, status: String(res.statusCode) }));
      if (tracingEnabled()) nameRequestRoute(label);
      return route();
    },
    traceId: requestTraceId,
    serveMetrics: (res) => metrics.serve(res),
    fetcher<F>(inner: F): F {
      const call = inner as unknown as Fetcher;
      const wrapped: Fetcher = async (url, init) => {
        const subgraph = new URL(url).host;
        const started = performance.now();
        let status = 'error';
        try {
          const response = await call(url, init);
          status = String(response.status);
          return response;
        } finally {
          fetches.observe({ subgraph, status }, (performance.now() - started) / 1000);
        }
      };
      return wrapped as unknown as F;
    },
    directAnswered: (subgraph) => directAnswers.inc({ subgraph }),
    async shutdown() {
      await tracing?.shutdown();
    },
  };
  return observability;
}
