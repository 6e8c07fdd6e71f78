import { badInput } from '@backoffice/kit/errors';

/**
 * Calendar arithmetic on plain 'YYYY-MM-DD' strings. Dates become day numbers (days since 1970-01-01)
 * computed arithmetically, without `Date` objects or time zones, so that a payroll run over thousands of
 * employees counts days and working days without allocating or looping over every day.
 */

/** Days since 1970-01-01; consecutive dates differ by exactly 1. */
export type DayNumber = number;

/** Stands for "no end date" in day-number comparisons (an open-ended contract or allowance). */
export const OPEN_END: DayNumber = Number.MAX_SAFE_INTEGER;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_RE = /^(\d{4})-(\d{2})$/;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const daysInYear = (year: number): number => (isLeapYear(year) ? 366 : 365);

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
export function civilToDay(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function dayToCivil(dayNumber: DayNumber): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** The day number of a 'YYYY-MM-DD' date; a malformed or impossible date (2024-02-30) is BAD_USER_INPUT. */
export function toDay(date: string, field = 'date'): DayNumber {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return civilToDay(year, month, day);
    }
  }
  throw badInput(`${field} "${String(date)}" is not a date (YYYY-MM-DD)`, field);
}

/** Like `toDay`, with null meaning open-ended. */
export const toEndDay = (date: string | null | undefined, field = 'endDate'): DayNumber =>
  date == null ? OPEN_END : toDay(date, field);

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function fromDay(dayNumber: DayNumber): string {
  const { year, month, day } = dayToCivil(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export const addDays = (date: string, days: number): string => fromDay(toDay(date) + days);

/** A payroll period 'YYYY-MM' as its first and last day numbers. */
export interface CalendarMonth {
  period: string;
  year: number;
  month: number;
  firstDay: DayNumber;
  lastDay: DayNumber;
  days: number;
}

export function parsePeriod(period: string, field = 'period'): CalendarMonth {
  const m = typeof period === 'string' ? PERIOD_RE.exec(period) : null;
  const year = m ? Number(m[1]) : 0;
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12 || year < 1900) {
    throw badInput(`${field} "${String(period)}" is not a month (YYYY-MM)`, field);
  }
  const days = daysInMonth(year, month);
  const firstDay = civilToDay(year, month, 1);
  return { period, year, month, firstDay, lastDay: firstDay + days - 1, days };
}

/** ISO weekday: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export const isoWeekday = (dayNumber: DayNumber): number => ((((dayNumber + 3) % 7) + 7) % 7) + 1;

export const isWeekday = (dayNumber: DayNumber): boolean => isoWeekday(dayNumber) <= 5;

/** Mondays to Fridays from `from` to `to` inclusive, counted by whole weeks plus a remainder of < 7 days. */
export function countWeekdays(from: DayNumber, to: DayNumber): number {
  if (to < from) return 0;
  const total = to - from + 1;
  let count = Math.floor(total / 7) * 5;
  const remainder = total % 7;
  let weekday = isoWeekday(from);
  for (let i = 0; i < remainder; i++) {
    if (weekday <= 5) count++;
    weekday = weekday === 7 ? 1 : weekday + 1;
  }
  return count;
}

/** Days shared by two inclusive ranges (0 when they do not meet). */
export function overlapDays(aFrom: DayNumber, aTo: DayNumber, bFrom: DayNumber, bTo: DayNumber): number {
  const from = aFrom > bFrom ? aFrom : bFrom;
  const to = aTo < bTo ? aTo : bTo;
  return to >= from ? to - from + 1 : 0;
}
