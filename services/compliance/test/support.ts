import type { Data, EventContract } from '@backoffice/events';
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

export function eventOf<C extends EventContract>(
  contract: C,
  subject: string,
  data: Data<C>,
  userId: string | null = null,
) {
  return domainEvent(contract, subject, data, userId ? { userId } : null);
}

/**
 * A payload that does not fit its contract, as an older or a buggy producer sent it: the audit trail
 * records whatever was signed, so its tests send such payloads on purpose.
 */
export const offContract = (data: object) => data as never;

export async function outboxEvents(
  compliance: RunningSubgraph<ComplianceServices>,
  type: string,
): Promise<CloudEvent<any>[]> {
  const rows = await compliance.deps.db.query('SELECT payload FROM outbox WHERE subject = $1 ORDER BY id', [
    type,
  ]);
  return rows.map((r: { payload: CloudEvent }) => r.payload);
}
