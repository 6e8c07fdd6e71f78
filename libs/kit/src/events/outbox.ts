import type { EntityManager } from 'typeorm';
import { withTraceparent } from '../observability/events.js';
import type { CloudEvent } from './envelope.js';

/**
 * The outbox insert for events passed as four arrays from parameter `$first` on: the statement
 * `recordEvents` runs, and a CTE a writer may put beside its own insert to record its events without
 * a round trip of their own (the same transaction either way).
 */
export const insertIntoOutbox = (first: number) =>
  `INSERT INTO outbox (event_id, subject, aggregate_id, payload)
     SELECT * FROM unnest($${first}::text[], $${first + 1}::text[], $${first + 2}::text[], $${first + 3}::jsonb[])`;

/** The four arrays `insertIntoOutbox` takes, one element per event. */
export function outboxParameters(events: readonly CloudEvent[]): [string[], string[], string[], string[]] {
  // The active span's traceparent goes with the event, so its consumers join the request's trace.
  const recorded = events.map(withTraceparent);
  return [
    recorded.map((e) => e.id),
    recorded.map((e) => e.type),
    recorded.map((e) => e.subject),
    recorded.map((e) => JSON.stringify(e)),
  ];
}

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
  await em.query(insertIntoOutbox(1), outboxParameters(events));
}
