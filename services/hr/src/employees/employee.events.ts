import { hr } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { Department } from '../departments/department.entity.js';
import type { Employee } from './employee.entity.js';

/**
 * The hr events about employees (contracts in @backoffice/events). Payloads carry what consumers need
 * to act (IT's onboarding checklist, compliance's acknowledgements, documents' retention) and no pay or
 * personal data: the audit trail keeps every payload forever.
 */

export const employeeHired = (e: Employee, d: Department, actor: Identity) =>
  domainEvent(
    hr.employeeHired,
    e.id,
    {
      employeeId: e.id,
      givenName: e.givenName,
      familyName: e.familyName,
      email: e.email,
      departmentId: d.id,
      departmentName: d.name,
      costCenter: d.costCenter,
      managerId: e.managerId,
      startDate: e.startDate,
      workLocation: e.workLocation,
      workCountry: e.workCountry,
      position: e.position,
    },
    actor,
  );

export const employeeTerminated = (e: Employee, actor: Identity) =>
  domainEvent(
    hr.employeeTerminated,
    e.id,
    {
      employeeId: e.id,
      givenName: e.givenName,
      familyName: e.familyName,
      email: e.email,
      departmentId: e.departmentId,
      managerId: e.managerId,
      endDate: e.endDate as string,
    },
    actor,
  );

/** Names the changed fields only; values of personal fields stay in hr. */
export const employeeUpdated = (e: Employee, changedFields: string[], actor: Identity) =>
  domainEvent(
    hr.employeeUpdated,
    e.id,
    { employeeId: e.id, changedFields, workLocation: e.workLocation, departmentId: e.departmentId },
    actor,
  );

export const contractChanged = (e: Employee, effectiveFrom: string, actor: Identity) =>
  domainEvent(hr.contractChanged, e.id, { employeeId: e.id, effectiveFrom }, actor);
