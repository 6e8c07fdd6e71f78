import { describe, expect, it } from 'vitest';
import { annualEntitlement, leaveBalance } from './leave-balance.js';

describe('annualEntitlement', () => {
  const full = { fte: 1, employmentStart: '2020-01-01', employmentEnd: null, year: 2024 };
  it('gives 25 days for a full year at FTE 1 by default, or the configured days', () => {
    expect(annualEntitlement(full)).toBe(25);
    expect(annualEntitlement({ ...full, entitlementDays: 30 })).toBe(30);
    expect(annualEntitlement({ ...full, entitlementDays: '27.5', fte: '1' })).toBe(27.5);
  });

  it('is pro rata to FTE and to days employed in the year: half a year at FTE 0.8 of 25 days is 10', () => {
    expect(annualEntitlement({ ...full, fte: 0.8, employmentStart: '2023-07-01', year: 2023 })).toBe(10); // 184/365: 10.08
    expect(annualEntitlement({ ...full, fte: '0.8', employmentEnd: '2023-06-30', year: 2023 })).toBe(10); // 181/365: 9.92
    expect(annualEntitlement({ ...full, fte: 0.5 })).toBe(12.5);
    expect(annualEntitlement({ ...full, fte: 0.9 })).toBe(22.5);
  });

  it('rounds to the nearest half day', () => {
    expect(annualEntitlement({ ...full, employmentStart: '2023-10-01', year: 2023 })).toBe(6.5); // 92/365 x 25 = 6.30
    expect(annualEntitlement({ ...full, employmentStart: '2024-03-15' })).toBe(20); // 292/366 x 25 = 19.95
    expect(annualEntitlement({ ...full, employmentStart: '2023-12-31', year: 2023 })).toBe(0); // 0.07
  });

  it('is zero for a year outside the employment, and refuses a bad FTE or year', () => {
    expect(annualEntitlement({ ...full, year: 2019 })).toBe(0);
    expect(annualEntitlement({ ...full, employmentEnd: '2023-12-31' })).toBe(0);
    expect(() => annualEntitlement({ ...full, fte: 0 })).toThrow(/fte/);
    expect(() => annualEntitlement({ ...full, fte: 1.1 })).toThrow(/fte/);
    expect(() => annualEntitlement({ ...full, year: 2024.5 })).toThrow(/year/);
  });
});

describe('leaveBalance', () => {
  const base = {
    fte: 1,
    employmentStart: '2020-01-01',
    employmentEnd: null,
    year: 2024,
    asOf: '2024-06-15',
    approvedRequests: [
      { type: 'ANNUAL', startDate: '2024-03-04', endDate: '2024-03-08' }, // 5, taken
      { type: 'ANNUAL', startDate: '2024-06-14', endDate: '2024-06-18' }, // 1 taken (Fri), 2 planned (Mon, Tue)
      { type: 'SICK', startDate: '2024-04-01', endDate: '2024-04-05' }, // not drawn on the balance
      { startDate: '2024-08-05', endDate: '2024-08-06', halfDayEnd: true }, // no type: annual, 1.5 planned
    ],
    pendingRequests: [{ type: 'ANNUAL', startDate: '2024-10-07', endDate: '2024-10-09' }], // 3
  };

  it('splits approved days into taken and planned around asOf, and reserves pending days', () => {
    expect(leaveBalance(base)).toEqual({
      year: 2024,
      entitled: 25,
      taken: 6,
      planned: 3.5,
      pending: 3,
      remaining: 12.5,
      overdrawn: 0,
    });
  });

  it('counts only the days of the year asked for when a request spans New Year', () => {
    const winter = {
      ...base,
      approvedRequests: [{ type: 'ANNUAL', startDate: '2024-12-30', endDate: '2025-01-03' }],
    };
    expect(leaveBalance({ ...winter, pendingRequests: [] })).toMatchObject({
      taken: 0,
      planned: 2,
      remaining: 23,
    });
    expect(leaveBalance({ ...winter, pendingRequests: [], year: 2025 })).toMatchObject({
      planned: 3,
      remaining: 22,
    });
  });

  it('never goes negative: what was granted beyond a shrunken entitlement shows as overdrawn', () => {
    const leaver = { ...base, employmentEnd: '2024-03-31' }; // 91/366 x 25 = 6.2 -> 6
    expect(leaveBalance(leaver)).toMatchObject({ entitled: 6, remaining: 0, overdrawn: 6.5 });
  });
});
