import {
  CATALOGUE,
  EVENT_ROOT,
  type EmployeeHiredData,
  type EmployeeTerminatedData,
  accounting,
  hr,
} from '@backoffice/events';
import { describe, expect, it } from 'vitest';
import { AUDIT_REDACTIONS, REDACTED, redactForAudit } from './audit.redaction.js';

/** Field names that carry a person's identity, pay, bank details or health: none may reach the trail. */
const PERSONAL = new Set([
  'givenName',
  'familyName',
  'email',
  'iban',
  'employees',
  'monthlyAmount',
  'cost',
  'gross',
  'net',
]);

/** Where a personal field still holds a value after redaction (a path per leak). */
function leaks(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaks(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const at = path ? `${path}.${k}` : k;
    if (PERSONAL.has(k) && v !== null && v !== REDACTED) return [at];
    return leaks(v, at);
  });
}

const hired: EmployeeHiredData = {
  employeeId: 'e-1',
  givenName: 'Ada',
  familyName: 'Lovelace',
  email: 'ada@example.com',
  departmentId: 'd-1',
  departmentName: 'Engineering',
  costCenter: 'BO-100',
  managerId: null,
  startDate: '2026-01-01',
  workLocation: 'REMOTE',
  workCountry: 'NL',
};
const terminated: EmployeeTerminatedData = {
  employeeId: 'e-1',
  givenName: 'Ada',
  familyName: 'Lovelace',
  email: 'ada@example.com',
  departmentId: 'd-1',
  managerId: null,
  endDate: '2026-12-31',
};

/** One payload per event type that has carried personal fields, as their producers send (or sent) them. */
const samples: Record<string, unknown> = {
  [hr.employeeHired.type]: hired,
  [hr.employeeTerminated.type]: terminated,
  // As hr sent it before pay per employee left the event.
  [hr.payrollRunFinalized.type]: {
    payrollRunId: 'r-1',
    period: '2026-01',
    totals: { grossSalary: '7000.00' },
    employees: [{ employeeId: 'e-1', costCenter: 'BO-100', cost: '4100.00' }],
  },
  [hr.allowanceSet.type]: { employeeId: 'e-1', kind: 'REMOTE_WORK', monthlyAmount: '50.00' },
};

describe('the audit trail’s declared redactions', () => {
  it('declares every catalogued event type (an empty list: looked at, nothing personal)', () => {
    const undeclared = CATALOGUE.map((c) => c.type).filter((type) => !(type in AUDIT_REDACTIONS));
    expect(undeclared).toEqual([]);
  });

  it('leaves no personal field of any event that carries one', () => {
    for (const [type, payload] of Object.entries(samples)) {
      expect(leaks(payload), `${type} sample has personal fields`).not.toEqual([]);
      expect(leaks(redactForAudit(type, payload)), type).toEqual([]);
    }
  });

  it('hides the kind of leave (sickness is health data) and keeps its dates', () => {
    const requested = {
      leaveRequestId: 'l-1',
      employeeId: 'e-1',
      type: 'SICK',
      startDate: '2026-03-02',
      days: 3,
    };
    expect(redactForAudit(hr.leaveRequested.type, requested)).toEqual({
      ...requested,
      type: REDACTED,
    });
    const decided = { leaveRequestId: 'l-1', employeeId: 'e-1', type: 'SICK', status: 'APPROVED', days: 3 };
    expect(redactForAudit(hr.leaveDecided.type, decided)).toEqual({ ...decided, type: REDACTED });
  });

  it('keeps what the trail needs: ids, dates, totals, and events with nothing personal as they are', () => {
    expect(redactForAudit(hr.employeeHired.type, hired)).toEqual({
      ...hired,
      givenName: REDACTED,
      familyName: REDACTED,
      email: REDACTED,
    });
    const posted = { journalEntryId: 'j-1', amount: '10.00' };
    expect(redactForAudit(accounting.journalEntryPosted.type, posted)).toBe(posted);
    expect(redactForAudit(`${EVENT_ROOT}.unknown.thing.happened`, { email: 'x@y.z' })).toEqual({
      email: 'x@y.z',
    });
  });

  it('redacts a copy: the event consumers get is untouched', () => {
    const payload = structuredClone(hired);
    redactForAudit(hr.employeeHired.type, payload);
    expect(payload).toEqual(hired);
  });

  it('walks lists, nested fields, and leaves absent and null fields alone', () => {
    const declared = { ...AUDIT_REDACTIONS } as Record<string, readonly string[]>;
    expect(declared[hr.payrollRunFinalized.type]).toContain('employees');
    const finalized = redactForAudit(
      hr.payrollRunFinalized.type,
      samples[hr.payrollRunFinalized.type],
    ) as any;
    expect(finalized.employees).toBe(REDACTED);
    expect(finalized.totals).toEqual({ grossSalary: '7000.00' });
    const withoutNames = { employeeId: 'e-2', email: null };
    expect(redactForAudit(hr.employeeHired.type, withoutNames)).toEqual({ employeeId: 'e-2', email: null });
    expect(redactForAudit(hr.employeeHired.type, null)).toBeNull();
  });
});
