import type pg from 'pg';
import type { EventConsumer } from '../events/consumer.js';
import type { OutboxRelay } from '../events/relay.js';
import type { Refusals } from '../events/verification.js';
import { METRIC, type ServiceMetrics, gauge } from './metrics.js';

export interface SubgraphObservables {
  pool: pg.Pool;
  relay: OutboxRelay;
  consumers: EventConsumer[];
  refusals?: Refusals;
}

/**
 * A subgraph's operational gauges, refreshed on scrape: the pg pool, the outbox (backlog and the age
 * of the oldest unsent event), each durable's lag in JetStream, parked dead letters, messages
 * refused for want of a valid signature, and the holes gap detection currently sees. One SQL round trip for the outbox and dead letters, one NATS request
 * and one indexed query per durable.
 */
export function observeSubgraph(metrics: ServiceMetrics, o: SubgraphObservables): void {
  const pool = gauge(metrics, METRIC.dbPool, 'Connections of the pg pool by state', ['state'] as const);
  const backlog = gauge(metrics, METRIC.outboxBacklog, 'Outbox events not yet published');
  const oldest = gauge(
    metrics,
    METRIC.outboxOldestAge,
    'Age of the oldest unpublished outbox event, 0 when none',
  );
  const lag = gauge(
    metrics,
    METRIC.consumerLag,
    'Messages not yet applied by a durable (pending + unacked)',
    ['durable'] as const,
  );
  const events = gauge(
    metrics,
    METRIC.consumerEvents,
    'Events handled by a durable in this process since it started, by result',
    ['durable', 'result'] as const,
  );
  const deadLetters = gauge(metrics, METRIC.deadLetters, 'Parked events not yet replayed, by durable', [
    'durable',
  ] as const);
  const refused = gauge(
    metrics,
    METRIC.eventsRefused,
    'Messages refused since this process started for want of a valid signature by their producer, by kind (event, watermark, replay_request, replay_reply) and reason',
    ['kind', 'reason'] as const,
  );
  const gaps = gauge(metrics, METRIC.sequenceGaps, 'Open holes in the event sequences a durable has seen', [
    'durable',
    'state',
  ] as const);

  // Cheap and in memory: no timeout needed.
  metrics.onScrape(async () => {
    pool.set({ state: 'total' }, o.pool.totalCount);
    pool.set({ state: 'idle' }, o.pool.idleCount);
    pool.set({ state: 'waiting' }, o.pool.waitingCount);
    for (const c of o.consumers) {
      events.set({ durable: c.durable, result: 'applied' }, c.applied);
      events.set({ durable: c.durable, result: 'duplicate' }, c.duplicates);
      events.set({ durable: c.durable, result: 'parked' }, c.parked);
      events.set({ durable: c.durable, result: 'replay_requested' }, c.replayRequests);
      events.set({ durable: c.durable, result: 'refused' }, c.refused);
    }
    for (const { kind, reason, count } of o.refusals?.entries() ?? []) refused.set({ kind, reason }, count);
  });
  metrics.onScrape(async () => {
    const { rows } = await o.pool.query({
      text: `SELECT
          (SELECT count(*) FROM outbox WHERE sent_at IS NULL)::int AS backlog,
          COALESCE((SELECT EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)) FROM outbox WHERE sent_at IS NULL), 0)::float8 AS oldest,
          COALESCE((SELECT json_object_agg(consumer, n) FROM
            (SELECT consumer, count(*)::int AS n FROM dead_letter WHERE replayed_at IS NULL GROUP BY consumer) d), '{}') AS dead`,
      query_timeout: 1_500,
    } as pg.QueryConfig);
    backlog.set(rows[0].backlog);
    oldest.set(rows[0].oldest);
    const dead = rows[0].dead as Record<string, number>;
    deadLetters.reset();
    for (const c of o.consumers) deadLetters.set({ durable: c.durable }, dead[c.durable] ?? 0);
    for (const [durable, n] of Object.entries(dead)) deadLetters.set({ durable }, n);
  });
  for (const c of o.consumers) {
    metrics.onScrape(async () => {
      lag.set({ durable: c.durable }, await c.lag());
    });
    metrics.onScrape(async () => {
      const open = await c.gaps();
      const lost = open.filter((g) => g.unrecoverable).length;
      gaps.set({ durable: c.durable, state: 'open' }, open.length - lost);
      gaps.set({ durable: c.durable, state: 'unrecoverable' }, lost);
    });
  }
}
