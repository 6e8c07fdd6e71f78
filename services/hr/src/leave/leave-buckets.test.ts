import { describe, expect, it } from 'vitest';
import { Money } from '../payroll/money.js';
import { accruedHours, leaveBuckets } from './leave-buckets.js';

const rules = {
  statutoryWeeks: new Money(4),
  statutoryExpiryMonths: 6,
  extraExpiryYears: 5,
  annualLeaveDays: 25,
};
const contract36 = [{ weeklyHours: '36', startDate: '2024-01-01', endDate: null }];

describe('leave buckets (NL)', () => {
  it('gives 36 hours a week 144 statutory hours a year, and the 25 company days beyond them as extra', () => {
    const a = accruedHours(
      { rules, contracts: contract36, employmentStart: '2024-01-01', employmentEnd: null },
      2025,
    );
    expect(a.statutory.toFixed(2)).toBe('144.00');
    // 25 days x 7.2 hours = 180 hours, of which 36 are extra.
    expect(a.extra.toFixed(2)).toBe('36.00');
  });

  it('accrues pro rata for part of a year', () => {
    const a = accruedHours(
      {
        rules,
        contracts: [{ weeklyHours: 40, startDate: '2025-07-01', endDate: null }],
        employmentStart: '2025-07-01',
        employmentEnd: null,
      },
      2025,
    );
    // 160 x 184 / 365
    expect(a.statutory.toFixed(2)).toBe('80.66');
  });

  it('uses the hours that lapse first, and lapses statutory hours on 1 July of the next year', () => {
    const buckets = leaveBuckets({
      rules,
      contracts: contract36,
      employmentStart: '2024-01-01',
      employmentEnd: null,
      requests: [
        // 2025: 5 days (36 h) in March take 2024's leftovers first: 2024 statutory lapses on 2025-07-01.
        { startDate: '2024-06-03', days: 15, status: 'APPROVED' },
        { startDate: '2025-03-03', days: 5, status: 'APPROVED' },
        { startDate: '2025-08-04', days: 2, status: 'PENDING' },
      ],
      year: 2025,
      asOf: '2025-09-01',
    });
    const by = Object.fromEntries(buckets.map((b) => [`${b.kind}-${b.year}`, b]));
    // 2024: 15 days x 7.2 = 108 h from 144 statutory; 36 left, used in March 2025.
    expect(by['STATUTORY-2024']).toMatchObject({
      usedHours: '144.00',
      remainingHours: '0.00',
      expiresOn: '2025-07-01',
    });
    expect(by['EXTRA-2024']).toMatchObject({
      entitledHours: '36.00',
      usedHours: '0.00',
      remainingHours: '36.00',
      expiresOn: '2030-01-01',
    });
    // The pending August days come from 2025's statutory hours (they lapse before any extra hours).
    expect(by['STATUTORY-2025']).toMatchObject({
      pendingHours: '14.40',
      remainingHours: '129.60',
      expiresOn: '2026-07-01',
    });
  });

  it('shows lapsed statutory hours as expired', () => {
    const [stat] = leaveBuckets({
      rules,
      contracts: contract36,
      employmentStart: '2024-01-01',
      employmentEnd: null,
      requests: [],
      year: 2025,
      asOf: '2025-07-01',
    });
    expect(stat).toMatchObject({
      kind: 'STATUTORY',
      year: 2024,
      expiredHours: '144.00',
      remainingHours: '0.00',
    });
  });
});
