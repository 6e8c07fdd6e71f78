import { countWeekdays, type DayNumber, isWeekday, toDay } from '../contracts/calendar.js';
import { badInput } from '@backoffice/kit/errors';

/**
 * A span of leave. `halfDayStart`: the first day is taken from midday only (afternoon off);
 * `halfDayEnd`: the last day ends at midday (morning off). A single day may use one of them, not both.
 */
export interface LeavePeriod {
  startDate: string;
  endDate: string;
  halfDayStart?: boolean;
  halfDayEnd?: boolean;
}

/** Options of a country's calendar: dates that are not working days even on a weekday (public holidays). */
export interface WorkingCalendar {
  nonWorkingDates?: readonly string[];
}

/** The same span as day numbers and half-day slots (two slots a day, end exclusive), for overlap checks. */
export interface LeaveSpan {
  start: DayNumber;
  end: DayNumber;
  halfDayStart: boolean;
  halfDayEnd: boolean;
  firstSlot: number;
  endSlot: number;
}

/** Validates and converts a leave period; BAD_USER_INPUT when the dates are malformed or reversed. */
export function leaveSpan(period: LeavePeriod): LeaveSpan {
  const start = toDay(period.startDate, 'startDate');
  const end = toDay(period.endDate, 'endDate');
  if (end < start) {
    throw badInput(`endDate ${period.endDate} is before startDate ${period.startDate}`, 'endDate');
  }
  const halfDayStart = period.halfDayStart === true;
  const halfDayEnd = period.halfDayEnd === true;
  if (start === end && halfDayStart && halfDayEnd) {
    throw badInput(
      'a single day can be a morning (halfDayEnd) or an afternoon (halfDayStart), not both',
      'halfDayEnd',
    );
  }
  return {
    start,
    end,
    halfDayStart,
    halfDayEnd,
    firstSlot: start * 2 + (halfDayStart ? 1 : 0),
    endSlot: end * 2 + (halfDayEnd ? 1 : 2),
  };
}

/** True when two spans share a half day: a morning-only last day and an afternoon-only first day do not. */
export const spansOverlap = (a: LeaveSpan, b: LeaveSpan): boolean =>
  a.firstSlot < b.endSlot && b.firstSlot < a.endSlot;

/** The non-working dates as day numbers, or null when there are none. */
export function holidaySet(calendar?: WorkingCalendar): Set<DayNumber> | null {
  const dates = calendar?.nonWorkingDates;
  if (!dates || dates.length === 0) return null;
  return new Set(dates.map((d, i) => toDay(d, `nonWorkingDates[${i}]`)));
}

const isWorkingDay = (day: DayNumber, holidays: Set<DayNumber> | null): boolean =>
  isWeekday(day) && !holidays?.has(day);

/** Working days (Monday to Friday, less non-working dates) from `from` to `to` inclusive. */
export function countWorkingDays(
  from: DayNumber,
  to: DayNumber,
  holidays: Set<DayNumber> | null = null,
): number {
  let count = countWeekdays(from, to);
  if (holidays) for (const day of holidays) if (day >= from && day <= to && isWeekday(day)) count--;
  return count;
}

/**
 * Leave days a span costs within [from, to] (the whole span when not given): working days, each half day
 * counting 0.5 when it falls on a working day inside the window. Counted arithmetically, not per day.
 * Multiples of 0.5 are exact as JS numbers, so days are plain numbers.
 */
export function spanDays(
  span: LeaveSpan,
  holidays: Set<DayNumber> | null,
  from: DayNumber = span.start,
  to: DayNumber = span.end,
): number {
  const start = Math.max(span.start, from);
  const end = Math.min(span.end, to);
  if (end < start) return 0;
  let days = countWorkingDays(start, end, holidays);
  if (span.halfDayStart && start === span.start && isWorkingDay(start, holidays)) days -= 0.5;
  if (span.halfDayEnd && end === span.end && isWorkingDay(end, holidays)) days -= 0.5;
  return days;
}

/** Working days a leave period costs, half days included (e.g. Friday to Tuesday = 3, with halfDayEnd 2.5). */
export function countLeaveDays(period: LeavePeriod, calendar?: WorkingCalendar): number {
  return spanDays(leaveSpan(period), holidaySet(calendar));
}
