import { type Data, compliance } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { PolicyVersion } from './policy.entity.js';

export const policyPublished = (key: string, v: PolicyVersion, employeesAsked: number, actor: Identity) =>
  domainEvent(
    compliance.policyPublished,
    v.policyId,
    {
      policyId: v.policyId,
      key,
      version: v.version,
      title: v.title,
      effectiveDate: v.effectiveDate,
      employeesAsked,
    },
    actor,
  );

export type PolicyAcknowledgedData = Data<typeof compliance.policyAcknowledged>;

export const policyAcknowledged = (data: PolicyAcknowledgedData, actor: Identity) =>
  domainEvent(compliance.policyAcknowledged, data.policyId, data, actor);
