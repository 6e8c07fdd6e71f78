import { type Data, compliance } from '@backoffice/events';
import { domainEvent } from '@backoffice/kit';

export type AuditCheckpointData = Data<typeof compliance.auditCheckpoint>;

/** Published by the system, not a person: the actor is null. */
export const auditCheckpointed = (data: AuditCheckpointData) =>
  domainEvent(compliance.auditCheckpoint, String(data.sequence), data, null);
