import type { EntityManager } from 'typeorm';
import { withTraceparent } from '../observability/events.js';
import type { CloudEvent } from './envelope.js';

/**
 * Records events in the outbox inside the caller's transaction: the state change and the events it
 * causes commit together or not at all. The relay publishes them after commit.
 */
export async function recordEvents(em: EntityManager, ...events: CloudEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (!em.queryRunner?.isTransactionActive) {
    throw new Error('recordEvents must run inside the transaction that makes the change');
  }
  const values: unknown[] = [];
  const rows = events.map((e, i) => {
    // The active span's traceparent goes with the event, so its consumers join the request's trace.
    values.push(e.id, e.type, e.subject, JSON.stringify(withTraceparent(e)));
    const o = i * 4;
    return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}::jsonb)`;
  });
  await em.query(
    `INSERT INTO outbox (event_id, subject, aggregate_id, payload) VALUES ${rows.join(', ')}`,
    values,
  );
}
