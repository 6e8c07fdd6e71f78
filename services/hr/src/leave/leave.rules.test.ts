import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import {
  cancelLeaveRequest,
  decideLeaveRequest,
  type LeaveRequestRecord,
  type NewLeaveRequest,
  validateLeaveRequest,
} from './leave.rules.js';

const entitlement = { fte: 1, employmentStart: '2020-01-01', employmentEnd: null };
const record = (overrides: Partial<LeaveRequestRecord>): LeaveRequestRecord => ({
  id: 'r1',
  employeeId: 'e1',
  type: 'ANNUAL',
  status: 'APPROVED',
  startDate: '2024-06-10',
  endDate: '2024-06-14',
  ...overrides,
});

const check = (request: Partial<NewLeaveRequest>, otherRequests: LeaveRequestRecord[] = [], more = {}) =>
  validateLeaveRequest({
    request: { employeeId: 'e1', type: 'ANNUAL', startDate: '2024-07-01', endDate: '2024-07-05', ...request },
    otherRequests,
    entitlement,
    asOf: '2024-06-01',
    ...more,
  });

function ruleError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('validateLeaveRequest', () => {
  it('accepts a request and says what it costs, per year', () => {
    expect(check({})).toMatchObject({ days: 5, daysByYear: [{ year: 2024, days: 5 }] });
    expect(check({ startDate: '2024-12-30', endDate: '2025-01-02', halfDayEnd: true })).toMatchObject({
      days: 3.5,
      daysByYear: [
        { year: 2024, days: 2 },
        { year: 2025, days: 1.5 },
      ],
    });
  });

  it('refuses an end before the start, a request with no working day, and an unknown type', () => {
    expect(ruleError(() => check({ endDate: '2024-06-30' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'endDate',
    });
    expect(ruleError(() => check({ startDate: '2024-07-06', endDate: '2024-07-07' })).message).toMatch(
      /no working day/,
    );
    expect(ruleError(() => check({ type: 'SABBATICAL' })).field).toBe('type');
    expect(check({ type: 'SABBATICAL' }, [], { leaveTypes: ['ANNUAL', 'SABBATICAL'] }).days).toBe(5);
  });

  it('refuses leave outside the employment', () => {
    const hired = { entitlement: { ...entitlement, employmentStart: '2024-07-03' } };
    expect(ruleError(() => check({}, [], hired)).field).toBe('startDate');
    const leaving = { entitlement: { ...entitlement, employmentEnd: '2024-07-04' } };
    expect(ruleError(() => check({}, [], leaving)).field).toBe('endDate');
  });

  it('refuses a request overlapping another pending or approved one, as CONFLICT', () => {
    const approved = record({ startDate: '2024-07-04', endDate: '2024-07-10' });
    const e = ruleError(() => check({}, [approved]));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/overlaps the approved ANNUAL leave from 2024-07-04 to 2024-07-10/);
    expect(() => check({ type: 'SICK' }, [{ ...approved, status: 'PENDING' }])).toThrow(
      /overlaps the pending/,
    );
  });

  it('ignores rejected and cancelled requests, other employees, the request itself, and adjacent half days', () => {
    const same = { startDate: '2024-07-01', endDate: '2024-07-05' };
    expect(
      check({}, [record({ ...same, status: 'REJECTED' }), record({ ...same, status: 'CANCELLED' })]).days,
    ).toBe(5);
    expect(check({}, [record({ ...same, employeeId: 'e2' })]).days).toBe(5);
    expect(check({ id: 'r1' }, [record({ ...same, id: 'r1', status: 'PENDING' })]).days).toBe(5);
    const morning = record({ startDate: '2024-06-24', endDate: '2024-07-01', halfDayEnd: true });
    expect(check({ halfDayStart: true }, [morning]).days).toBe(4.5);
  });

  it('never lets ANNUAL leave go beyond the remaining balance, pending requests included', () => {
    const spent = [
      record({ id: 'a', startDate: '2024-03-04', endDate: '2024-03-15' }), // 10
      record({ id: 'b', status: 'PENDING', startDate: '2024-08-05', endDate: '2024-08-16' }), // 10
    ];
    expect(check({}, spent).balances[0]).toMatchObject({ entitled: 25, remaining: 5 }); // exactly the 5 left
    const e = ruleError(() => check({ endDate: '2024-07-08' }, spent));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe(
      'ANNUAL leave of 6 days in 2024 exceeds the remaining balance of 5 (entitled 25, taken 10, planned 0, pending 10)',
    );
    // A half day fits in what is left after 5 days are booked; sick leave draws on no balance.
    const booked = [
      ...spent,
      record({ id: 'c', startDate: '2024-07-01', endDate: '2024-07-04', status: 'PENDING' }),
    ];
    expect(check({ startDate: '2024-07-05', endDate: '2024-07-05', halfDayStart: true }, booked).days).toBe(
      0.5,
    );
    expect(check({ type: 'SICK', startDate: '2024-09-02', endDate: '2024-09-30' }, booked).days).toBe(21);
    expect(
      check({ type: 'UNPAID', startDate: '2024-09-02', endDate: '2024-09-30' }, booked).balances,
    ).toEqual([]);
  });

  it('checks each year of a request over New Year against that year', () => {
    const fullYear = [record({ startDate: '2024-01-01', endDate: '2024-02-02' })]; // 25 days of 2024
    expect(() => check({ startDate: '2024-12-31', endDate: '2025-01-03' }, fullYear)).toThrow(/in 2024/);
    expect(check({ startDate: '2025-01-02', endDate: '2025-01-03' }, fullYear).days).toBe(2);
  });
});

describe('decideLeaveRequest', () => {
  const pending = { employeeId: 'e1', status: 'PENDING' as const, requestedBy: 'user-e1' };
  it('approves or rejects a pending request of someone else', () => {
    expect(
      decideLeaveRequest({ request: pending, decider: { userId: 'boss', employeeId: 'e9' }, approve: true }),
    ).toBe('APPROVED');
    expect(decideLeaveRequest({ request: pending, decider: { userId: 'hr' }, approve: false })).toBe(
      'REJECTED',
    );
  });

  it('forbids deciding your own request, whether you are on leave or filed it', () => {
    expect(
      ruleError(() =>
        decideLeaveRequest({ request: pending, decider: { userId: 'x', employeeId: 'e1' }, approve: true }),
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      ruleError(() => decideLeaveRequest({ request: pending, decider: { userId: 'user-e1' }, approve: true }))
        .code,
    ).toBe('FORBIDDEN');
  });

  it('decides only pending requests', () => {
    for (const status of ['APPROVED', 'REJECTED', 'CANCELLED'] as const) {
      const e = ruleError(() =>
        decideLeaveRequest({ request: { ...pending, status }, decider: { userId: 'hr' }, approve: true }),
      );
      expect(e.code).toBe('CONFLICT');
    }
  });
});

describe('cancelLeaveRequest', () => {
  it('cancels a pending request, or an approved one that has not started', () => {
    expect(
      cancelLeaveRequest({ request: { status: 'PENDING', startDate: '2024-01-01' }, asOf: '2024-06-01' }),
    ).toBe('CANCELLED');
    expect(
      cancelLeaveRequest({ request: { status: 'APPROVED', startDate: '2024-06-02' }, asOf: '2024-06-01' }),
    ).toBe('CANCELLED');
  });

  it('refuses leave that has started, and requests already decided against or cancelled', () => {
    expect(
      ruleError(() =>
        cancelLeaveRequest({ request: { status: 'APPROVED', startDate: '2024-06-01' }, asOf: '2024-06-01' }),
      ).message,
    ).toMatch(/only future leave/);
    expect(
      ruleError(() =>
        cancelLeaveRequest({ request: { status: 'REJECTED', startDate: '2024-07-01' }, asOf: '2024-06-01' }),
      ).code,
    ).toBe('CONFLICT');
    expect(() =>
      cancelLeaveRequest({ request: { status: 'CANCELLED', startDate: '2024-07-01' }, asOf: '2024-06-01' }),
    ).toThrow(/already cancelled/);
  });
});
