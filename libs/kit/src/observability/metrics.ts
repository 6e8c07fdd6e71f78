import type { ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics, one registry per process role (a subgraph, the gateway), labelled with the
 * `service`. The same names serve every process, so one dashboard (infra/grafana/) covers them all.
 * Gauges that need the database or NATS are computed on scrape (`onScrape`) under a short timeout:
 * nothing polls between scrapes, and a slow database makes a scrape stale, never slow.
 */
export interface ServiceMetrics {
  registry: Registry;
  /** GraphQL requests by operation name and outcome (`ok` | `error`). */
  requests: Counter<'operation' | 'outcome'>;
  /** GraphQL request duration in seconds by operation name. */
  duration: Histogram<'operation'>;
  /** GraphQL errors in responses by operation name and `extensions.code`. */
  errors: Counter<'operation' | 'code'>;
  /** Of the requests, those a subgraph answered by its prepared path (subgraph/prepared-queries.ts). */
  prepared: Counter<'operation'>;
  /** The operation name as a label: bounded, since clients choose it. */
  operationLabel(name: string | null | undefined): string;
  /** Adds work to run before each scrape (refresh gauges from the database, NATS, the pool). */
  onScrape(refresh: () => Promise<void>): void;
  /** The exposition text, after the refreshers ran (or timed out). */
  render(): Promise<{ contentType: string; body: string }>;
  /** Answers GET /metrics. */
  serve(res: ServerResponse): Promise<void>;
}

export interface MetricsOptions {
  /** Node's process metrics (CPU, memory, event-loop lag, GC). Off for the extra in-process test subgraphs. */
  processMetrics?: boolean;
  /** How long a scrape waits for the database- and NATS-backed gauges. */
  scrapeTimeoutMs?: number;
  /** Distinct operation names kept as labels; later ones count as `other`. */
  maxOperations?: number;
}

export const METRIC = {
  requests: 'backoffice_graphql_requests_total',
  duration: 'backoffice_graphql_request_duration_seconds',
  errors: 'backoffice_graphql_errors_total',
  prepared: 'backoffice_graphql_prepared_requests_total',
  scrapeFailures: 'backoffice_metrics_scrape_failures_total',
  dbPool: 'backoffice_db_pool_connections',
  outboxBacklog: 'backoffice_outbox_backlog',
  outboxOldestAge: 'backoffice_outbox_oldest_unsent_age_seconds',
  consumerLag: 'backoffice_consumer_lag',
  consumerEvents: 'backoffice_consumer_events',
  deadLetters: 'backoffice_dead_letters',
  eventsRefused: 'backoffice_events_refused',
  sequenceGaps: 'backoffice_sequence_gaps',
  subgraphFetchDuration: 'backoffice_gateway_subgraph_fetch_duration_seconds',
  directAnswers: 'backoffice_gateway_direct_answers_total',
  httpResponses: 'backoffice_http_responses_total',
} as const;

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function createServiceMetrics(service: string, options: MetricsOptions = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: METRIC.requests,
    help: 'GraphQL requests by operation name and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: METRIC.duration,
    help: 'GraphQL request duration by operation name',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: METRIC.errors,
    help: 'GraphQL errors in responses by operation name and extensions.code',
    labelNames: ['operation', 'code'] as const,
    registers: [registry],
  });
  const prepared = new Counter({
    name: METRIC.prepared,
    help: 'GraphQL requests a subgraph answered by its prepared path (a query validated before)',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const scrapeFailures = new Counter({
    name: METRIC.scrapeFailures,
    help: 'Scrapes whose database- or NATS-backed gauges could not be refreshed in time (values are stale)',
    registers: [registry],
  });

  const known = new Set<string>();
  const maxOperations = options.maxOperations ?? 200;
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (known.has(name)) return name;
    if (known.size >= maxOperations) return 'other';
    known.add(name);
    return name;
  };

  const refreshers: (() => Promise<void>)[] = [];
  const timeoutMs = options.scrapeTimeoutMs ?? 2_000;
  const render = async () => {
    if (refreshers.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([
        Promise.allSettled(refreshers.map((r) => r())).then((all) =>
          all.some((a) => a.status === 'rejected') ? 'failed' : 'ok',
        ),
        timedOut,
      ]);
      clearTimeout(timer);
      if (outcome !== 'ok') scrapeFailures.inc();
    }
    return { contentType: registry.contentType, body: await registry.metrics() };
  };

  return {
    registry,
    requests,
    duration,
    errors,
    prepared,
    operationLabel,
    onScrape: (refresh) => {
      refreshers.push(refresh);
    },
    render,
    async serve(res) {
      const { contentType, body } = await render();
      res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
  };
}

/** A gauge in `metrics`' registry whose value is set by a refresher. */
export function gauge<L extends string>(
  metrics: ServiceMetrics,
  name: string,
  help: string,
  labelNames: readonly L[] = [],
): Gauge<L> {
  return new Gauge({ name, help, labelNames, registers: [metrics.registry] });
}
