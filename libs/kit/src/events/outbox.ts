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
  // One statement whatever the number of events: four arrays, not four parameters per event.
  const recorded = events.map(withTraceparent);
  await em.query(
    `INSERT INTO outbox (event_id, subject, aggregate_id, payload)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
    [
      recorded.map((e) => e.id),
      recorded.map((e) => e.type),
      recorded.map((e) => e.subject),
      // The active span's traceparent goes with the event, so its consumers join the request's trace.
      recorded.map((e) => JSON.stringify(e)),
    ],
  );
}
