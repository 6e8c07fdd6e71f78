import { type Identity, domainEvent } from '@backoffice/kit';
import type { PolicyVersion } from './policy.entity.js';

export interface PolicyPublishedData {
  policyId: string;
  key: string;
  version: number;
  title: string;
  effectiveDate: string;
  employeesAsked: number;
}

export const policyPublished = (key: string, v: PolicyVersion, employeesAsked: number, actor: Identity) =>
  domainEvent<PolicyPublishedData>(
    'compliance',
    'policy.published',
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

export interface PolicyAcknowledgedData {
  policyId: string;
  version: number;
  employeeId: string;
}

export const policyAcknowledged = (data: PolicyAcknowledgedData, actor: Identity) =>
  domainEvent<PolicyAcknowledgedData>('compliance', 'policy.acknowledged', data.policyId, data, actor);
