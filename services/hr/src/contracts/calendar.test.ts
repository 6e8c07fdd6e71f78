import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import {
  addDays,
  civilToDay,
  countWeekdays,
  daysInMonth,
  fromDay,
  isIsoDate,
  isoWeekday,
  overlapDays,
  parsePeriod,
  toDay,
} from './calendar.js';

describe('calendar', () => {
  it('numbers days from 1970-01-01 and back, across leap years and centuries', () => {
    expect(toDay('1970-01-01')).toBe(0);
    expect(toDay('2024-03-01') - toDay('2024-02-28')).toBe(2);
    expect(toDay('2023-03-01') - toDay('2023-02-28')).toBe(1);
    expect(toDay('2000-03-01') - toDay('2000-02-28')).toBe(2);
    expect(toDay('2100-03-01') - toDay('2100-02-28')).toBe(1);
    for (const date of ['1969-12-31', '2000-02-29', '2024-12-31', '2025-01-01', '2099-07-15']) {
      expect(fromDay(toDay(date))).toBe(date);
    }
    // Agrees with the platform's own calendar over a long range.
    for (let d = civilToDay(1999, 1, 1); d < civilToDay(2031, 1, 1); d += 37) {
      expect(fromDay(d)).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it('refuses malformed and impossible dates as BAD_USER_INPUT naming the field', () => {
    for (const bad of ['2024-02-30', '2023-02-29', '2024-13-01', '24-01-01', '2024-1-1', '']) {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => toDay(bad, 'startDate')).toThrow(DomainError);
    }
    try {
      toDay('2024-02-30', 'startDate');
    } catch (e) {
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startDate', name: 'DomainError' });
    }
  });

  it('knows month lengths and periods', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 4)).toBe(30);
    const june = parsePeriod('2024-06');
    expect(june).toMatchObject({ year: 2024, month: 6, days: 30 });
    expect(fromDay(june.firstDay)).toBe('2024-06-01');
    expect(fromDay(june.lastDay)).toBe('2024-06-30');
    expect(() => parsePeriod('2024-13')).toThrow(/not a month/);
    expect(() => parsePeriod('2024-6')).toThrow(DomainError);
  });

  it('counts weekdays arithmetically, matching a day-by-day count', () => {
    expect(isoWeekday(toDay('2024-06-03'))).toBe(1); // a Monday
    expect(isoWeekday(toDay('2024-06-09'))).toBe(7);
    expect(countWeekdays(toDay('2024-06-07'), toDay('2024-06-10'))).toBe(2); // Fri..Mon
    expect(countWeekdays(toDay('2024-06-08'), toDay('2024-06-09'))).toBe(0); // a weekend
    expect(countWeekdays(toDay('2024-01-01'), toDay('2024-12-31'))).toBe(262);
    expect(countWeekdays(toDay('2024-06-10'), toDay('2024-06-07'))).toBe(0);
    const start = toDay('2024-01-01');
    for (let from = start; from < start + 9; from++) {
      for (let to = from - 1; to < from + 40; to++) {
        let slow = 0;
        for (let d = from; d <= to; d++) if (isoWeekday(d) <= 5) slow++;
        expect(countWeekdays(from, to)).toBe(slow);
      }
    }
  });

  it('measures overlaps of inclusive ranges and adds days', () => {
    expect(overlapDays(1, 10, 5, 20)).toBe(6);
    expect(overlapDays(1, 4, 5, 20)).toBe(0);
    expect(overlapDays(5, 5, 5, 5)).toBe(1);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
