import type { DataSource } from 'typeorm';
import type { ServiceName } from '../config.js';
import type { Bus } from '../events/bus.js';
import type { EventConsumer } from '../events/consumer.js';
import type { OutboxRelay } from '../events/relay.js';
import { type Route, sendJson } from '../http.js';
import type { ServiceMetrics } from '../observability/index.js';

interface ReadinessSources {
  /** False until the subgraph has warmed up, and again once it is stopping. */
  accepting: () => boolean;
  db: DataSource;
  bus: Bus;
  relay: OutboxRelay;
  consumers: EventConsumer[];
}

/** Ready when taking requests with the database and NATS up; the outbox, lags and gaps are told, not judged. */
export async function readiness(
  sources: ReadinessSources,
): Promise<{ ok: boolean; checks: Record<string, unknown> }> {
  const { db, bus, relay, consumers } = sources;
  const checks: Record<string, unknown> = {};
  let ok = sources.accepting();
  try {
    await db.query('SELECT 1');
    checks.database = 'up';
  } catch {
    checks.database = 'down';
    ok = false;
  }
  checks.nats = bus.nc.isClosed() ? 'down' : 'up';
  if (bus.nc.isClosed()) ok = false;
  try {
    checks.outboxPending = await relay.pending();
    checks.outboxLagMs = await relay.lagMs();
  } catch {
    // the database check above already says so
  }
  checks.consumerLag = await consumerLags(consumers);
  checks.sequenceGaps = await sequenceGaps(consumers);
  return { ok, checks };
}

async function consumerLags(consumers: EventConsumer[]): Promise<Record<string, number | string>> {
  const lags: Record<string, number | string> = {};
  await Promise.all(
    consumers.map(async (c) => {
      lags[c.durable] = await c.lag().catch(() => 'unknown');
    }),
  );
  return lags;
}

async function sequenceGaps(consumers: EventConsumer[]): Promise<Record<string, unknown>> {
  const gaps: Record<string, unknown> = {};
  await Promise.all(
    consumers.map(async (c) => {
      const open = await c.gaps().catch(() => []);
      if (open.length > 0) gaps[c.durable] = open;
    }),
  );
  return gaps;
}

/** Every subgraph's operational routes: /metrics, /health (the process answers), /ready (it can serve). */
export function operationalRoutes(
  name: ServiceName,
  metrics: ServiceMetrics,
  sources: ReadinessSources,
): Route[] {
  return [
    { method: 'GET', path: '/metrics', handle: (_req, res) => metrics.serve(res) },
    {
      method: 'GET',
      path: '/health',
      handle: (_req, res) => sendJson(res, 200, { status: 'ok', service: name }),
    },
    {
      method: 'GET',
      path: '/ready',
      handle: async (_req, res) => {
        const r = await readiness(sources);
        sendJson(res, r.ok ? 200 : 503, {
          status: r.ok ? 'ready' : 'not ready',
          service: name,
          ...r.checks,
        });
      },
    },
  ];
}
