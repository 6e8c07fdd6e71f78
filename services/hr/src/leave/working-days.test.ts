import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import { countLeaveDays, leaveSpan, spansOverlap } from './working-days.js';

// June 2024: the 7th is a Friday, the 8th and 9th a weekend, the 10th a Monday.
describe('countLeaveDays', () => {
  it('counts Monday to Friday inclusive, skipping weekends', () => {
    expect(countLeaveDays({ startDate: '2024-06-10', endDate: '2024-06-14' })).toBe(5);
    expect(countLeaveDays({ startDate: '2024-06-07', endDate: '2024-06-10' })).toBe(2);
    expect(countLeaveDays({ startDate: '2024-06-07', endDate: '2024-06-11' })).toBe(3);
    expect(countLeaveDays({ startDate: '2024-06-08', endDate: '2024-06-09' })).toBe(0);
    expect(countLeaveDays({ startDate: '2024-06-03', endDate: '2024-06-30' })).toBe(20);
    expect(countLeaveDays({ startDate: '2024-01-01', endDate: '2024-12-31' })).toBe(262);
    expect(countLeaveDays({ startDate: '2024-12-30', endDate: '2025-01-03' })).toBe(5);
  });

  it('counts half days on working days only', () => {
    expect(countLeaveDays({ startDate: '2024-06-07', endDate: '2024-06-11', halfDayEnd: true })).toBe(2.5);
    expect(
      countLeaveDays({
        startDate: '2024-06-07',
        endDate: '2024-06-11',
        halfDayStart: true,
        halfDayEnd: true,
      }),
    ).toBe(2);
    expect(countLeaveDays({ startDate: '2024-06-10', endDate: '2024-06-10', halfDayStart: true })).toBe(0.5);
    expect(countLeaveDays({ startDate: '2024-06-10', endDate: '2024-06-10', halfDayEnd: true })).toBe(0.5);
    // A half day flagged on a Saturday changes nothing: there was no working day to halve.
    expect(countLeaveDays({ startDate: '2024-06-08', endDate: '2024-06-11', halfDayStart: true })).toBe(2);
  });

  it('skips non-working dates such as public holidays, when they fall on weekdays', () => {
    const calendar = { nonWorkingDates: ['2024-12-25', '2024-12-26', '2024-12-28'] };
    expect(countLeaveDays({ startDate: '2024-12-23', endDate: '2024-12-31' }, calendar)).toBe(5);
    expect(
      countLeaveDays({ startDate: '2024-12-25', endDate: '2024-12-25', halfDayStart: true }, calendar),
    ).toBe(0);
  });

  it('refuses reversed dates and both halves of one day', () => {
    expect(() => countLeaveDays({ startDate: '2024-06-11', endDate: '2024-06-10' })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'endDate' }),
    );
    expect(() =>
      countLeaveDays({
        startDate: '2024-06-10',
        endDate: '2024-06-10',
        halfDayStart: true,
        halfDayEnd: true,
      }),
    ).toThrow(DomainError);
    expect(() => countLeaveDays({ startDate: '2024-06-31', endDate: '2024-07-01' })).toThrow(/not a date/);
  });
});

describe('spansOverlap', () => {
  const span = (
    startDate: string,
    endDate: string,
    halves: { halfDayStart?: boolean; halfDayEnd?: boolean } = {},
  ) => leaveSpan({ startDate, endDate, ...halves });
  it('compares by half day', () => {
    expect(spansOverlap(span('2024-06-10', '2024-06-12'), span('2024-06-12', '2024-06-14'))).toBe(true);
    expect(spansOverlap(span('2024-06-10', '2024-06-11'), span('2024-06-12', '2024-06-14'))).toBe(false);
    // Morning off on the 12th, then leave from the afternoon of the 12th: they meet, not overlap.
    expect(
      spansOverlap(
        span('2024-06-10', '2024-06-12', { halfDayEnd: true }),
        span('2024-06-12', '2024-06-14', { halfDayStart: true }),
      ),
    ).toBe(false);
    expect(
      spansOverlap(span('2024-06-10', '2024-06-12', { halfDayEnd: true }), span('2024-06-12', '2024-06-14')),
    ).toBe(true);
  });
});
