import { type Identity, domainEvent } from '@backoffice/kit';
import type { Department } from '../departments/department.entity.js';
import type { Employee } from './employee.entity.js';

/**
 * The hr events other services consume. Payloads carry what consumers need to act (IT's onboarding
 * checklist, compliance's acknowledgements, documents' retention) and no pay or personal data:
 * the audit trail keeps every payload forever.
 */
export interface EmployeeHiredData {
  employeeId: string;
  givenName: string;
  familyName: string;
  email: string;
  departmentId: string;
  departmentName: string;
  costCenter: string;
  managerId: string | null;
  startDate: string;
  workLocation: string;
  workCountry: string;
  position?: string | null;
}

export const employeeHired = (e: Employee, d: Department, actor: Identity) =>
  domainEvent<EmployeeHiredData>(
    'hr',
    'employee.hired',
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

export interface EmployeeTerminatedData {
  employeeId: string;
  givenName: string;
  familyName: string;
  email: string;
  departmentId: string;
  managerId: string | null;
  endDate: string;
}

export const employeeTerminated = (e: Employee, actor: Identity) =>
  domainEvent<EmployeeTerminatedData>(
    'hr',
    'employee.terminated',
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
    'hr',
    'employee.updated',
    e.id,
    { employeeId: e.id, changedFields, workLocation: e.workLocation, departmentId: e.departmentId },
    actor,
  );

export const contractChanged = (e: Employee, effectiveFrom: string, actor: Identity) =>
  domainEvent('hr', 'contract.changed', e.id, { employeeId: e.id, effectiveFrom }, actor);
