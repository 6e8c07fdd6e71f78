import { domainEvent } from '@backoffice/kit';

export interface AuditCheckpointData {
  sequence: number;
  hash: string;
}

/** Published by the system, not a person: the actor is null. */
export const auditCheckpointed = (data: AuditCheckpointData) =>
  domainEvent<AuditCheckpointData>('compliance', 'audit.checkpoint', String(data.sequence), data, null);
