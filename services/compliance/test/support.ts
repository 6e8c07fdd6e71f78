import { type CloudEvent, type RunningSubgraph, domainEvent } from '@backoffice/kit';
import { publishSignedEvent } from '@backoffice/testkit';
import type { ComplianceServices } from '../src/services.js';

/** Publishes an event onto the run's stream as a producing service's relay would. */
export async function publish(
  compliance: RunningSubgraph<ComplianceServices>,
  event: CloudEvent,
  msgID: string = event.id,
): Promise<void> {
  await publishSignedEvent(compliance.deps.bus, event, { msgID });
}

export function eventOf<T>(
  service: string,
  name: string,
  subject: string,
  data: T,
  userId: string | null = null,
) {
  return domainEvent(service, name, subject, data, userId ? { userId } : null);
}

export async function outboxEvents(
  compliance: RunningSubgraph<ComplianceServices>,
  type: string,
): Promise<CloudEvent<any>[]> {
  const rows = await compliance.deps.db.query('SELECT payload FROM outbox WHERE subject = $1 ORDER BY id', [
    type,
  ]);
  return rows.map((r: { payload: CloudEvent }) => r.payload);
}
