import { DomainError } from '@backoffice/kit/errors';

/**
 * Business time in a working calendar's own time zone. A business minute is a real elapsed minute
 * inside a working interval on a working day, so an interval keeps its true length on DST days and a
 * due time is always a real instant. Wall-clock parts come from Intl.DateTimeFormat; no date library.
 *
 * Conventions: instants are JS `Date`s; calendar days are `YYYY-MM-DD` strings (the contract's `Date`
 * scalar) read in the calendar's time zone; times of day are `HH:MM` (24-hour, `24:00` = midnight).
 */

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WorkingInterval {
  /** `HH:MM`, inclusive. */
  start: string;
  /** `HH:MM`, exclusive, after `start`. */
  end: string;
}

/** Treat a calendar as immutable once used: its validated form is cached per object. */
export interface WorkingCalendar {
  /** For people reading the data; not used by the rules. */
  name?: string;
  /** IANA zone, e.g. `Europe/Amsterdam`. */
  timeZone: string;
  /** Per weekday the working intervals in order; a missing or empty day is not worked. */
  workingHours: Partial<Record<Weekday, readonly WorkingInterval[]>>;
  /** Local dates on which nobody works, `YYYY-MM-DD`. */
  holidays: readonly string[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Far more than any SLA target; stops the day walk if a calendar has (almost) no working time. */
const MAX_DAYS_SCANNED = 366 * 5;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

interface PreparedCalendar {
  timeZone: string;
  /** Index 0 = Monday; intervals as minutes after local midnight. */
  days: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  holidays: ReadonlySet<string>;
  /** Working spans per local date: a ticket list asks for the same days over and over. */
  spans: Map<string, Array<[number, number]>>;
}

/** Bounds the span cache of one calendar (about a decade of days). */
const MAX_CACHED_DAYS = 4000;

const prepared = new WeakMap<WorkingCalendar, PreparedCalendar>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function invalid(message: string, field: string): DomainError {
  return new DomainError('BAD_USER_INPUT', message, field);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw invalid(`Unknown time zone "${timeZone}".`, 'calendar.timeZone');
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    // Some engines still print midnight as 24 even with h23.
    hour: parts.hour % 24,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const w = wallClock(wholeSecond, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSecond;
}

function parseDate(date: string, field: string): [number, number, number] {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d)
      return [y, m, d];
  }
  throw invalid(`"${date}" is not a calendar date (expected YYYY-MM-DD).`, field);
}

function parseTime(time: string, field: string): number {
  const match = TIME_PATTERN.exec(time);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || Number(match[2]) > 59 || minutes > 24 * 60) {
    throw invalid(`"${time}" is not a time of day (expected HH:MM).`, field);
  }
  return minutes;
}

function formatDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `date` shifted by whole calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date, 'date');
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Monday-first weekday of a calendar date. */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = parseDate(date, 'date');
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7];
}

/** The local calendar date of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  const w = wallClock(requireInstant(instant, 'instant').getTime(), timeZone);
  return formatDate(w.year, w.month, w.day);
}

function instantAtMinutes(date: string, minutesOfDay: number, timeZone: string): number {
  const [y, m, d] = parseDate(date, 'date');
  const wall = Date.UTC(y, m - 1, d, 0, minutesOfDay);
  // A zone changes offset at most once within a day or so: try the offsets on either side.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const valid = [before, after]
    .map((offset) => wall - offset)
    .filter((t) => t + offsetAt(t, timeZone) === wall);
  // Repeated hour (clocks back): the earlier instant. Skipped hour (clocks forward): the wall time
  // read with the old offset, which lands just after the jump, as clocks and people do.
  return valid.length ? Math.min(...valid) : wall - before;
}

/** The instant at which the wall clock in `timeZone` shows `time` (`HH:MM`) on `date`. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  formatterFor(timeZone);
  return new Date(instantAtMinutes(date, parseTime(time, 'time'), timeZone));
}

function requireInstant(value: unknown, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw invalid(`${field} must be a valid date-time.`, field);
  }
  return value;
}

function prepare(calendar: WorkingCalendar): PreparedCalendar {
  const cached = prepared.get(calendar);
  if (cached) return cached;
  formatterFor(calendar.timeZone);
  let anyWorkingTime = false;
  const days = WEEKDAYS.map((weekday) => {
    const intervals = (calendar.workingHours[weekday] ?? []).map((interval, i): [number, number] => {
      const field = `calendar.workingHours.${weekday}.${i}`;
      const start = parseTime(interval.start, `${field}.start`);
      const end = parseTime(interval.end, `${field}.end`);
      if (end <= start)
        throw invalid(`Working interval ${interval.start}-${interval.end} ends before it starts.`, field);
      return [start, end];
    });
    for (let i = 1; i < intervals.length; i++) {
      if (intervals[i][0] < intervals[i - 1][1]) {
        throw invalid(
          `Working intervals on ${weekday} overlap or are out of order.`,
          `calendar.workingHours.${weekday}`,
        );
      }
    }
    if (intervals.length) anyWorkingTime = true;
    return intervals;
  });
  if (!anyWorkingTime)
    throw invalid('The working calendar has no working hours on any weekday.', 'calendar.workingHours');
  const holidays = new Set(
    calendar.holidays.map((holiday, i) => {
      parseDate(holiday, `calendar.holidays.${i}`);
      return holiday;
    }),
  );
  const result: PreparedCalendar = { timeZone: calendar.timeZone, days, holidays, spans: new Map() };
  prepared.set(calendar, result);
  return result;
}

function intervalsOn(date: string, cal: PreparedCalendar): ReadonlyArray<readonly [number, number]> {
  if (cal.holidays.has(date)) return [];
  return cal.days[WEEKDAYS.indexOf(weekdayOf(date))];
}

/** The working intervals of one local date as instants, in order. */
function workingSpans(date: string, cal: PreparedCalendar): ReadonlyArray<readonly [number, number]> {
  let spans = cal.spans.get(date);
  if (!spans) {
    spans = intervalsOn(date, cal).map(([start, end]) => [
      instantAtMinutes(date, start, cal.timeZone),
      instantAtMinutes(date, end, cal.timeZone),
    ]);
    if (cal.spans.size >= MAX_CACHED_DAYS) cal.spans.clear();
    cal.spans.set(date, spans);
  }
  return spans;
}

/** Whether `date` has working hours: a worked weekday that is not a holiday. */
export function isBusinessDay(date: string, calendar: WorkingCalendar): boolean {
  parseDate(date, 'date');
  return intervalsOn(date, prepare(calendar)).length > 0;
}

/** The nearest business day strictly before `date`. */
export function previousBusinessDay(date: string, calendar: WorkingCalendar): string {
  const cal = prepare(calendar);
  let day = addDays(date, -1);
  for (let i = 0; i < MAX_DAYS_SCANNED; i++, day = addDays(day, -1)) {
    if (intervalsOn(day, cal).length) return day;
  }
  throw invalid(`No business day found before ${date}.`, 'calendar.holidays');
}

/** The nearest business day on or after `date`. */
export function nextBusinessDay(date: string, calendar: WorkingCalendar): string {
  const cal = prepare(calendar);
  let day = date;
  for (let i = 0; i < MAX_DAYS_SCANNED; i++, day = addDays(day, 1)) {
    if (intervalsOn(day, cal).length) return day;
  }
  throw invalid(`No business day found from ${date}.`, 'calendar.holidays');
}

/**
 * The instant `minutes` business minutes after `start`. Time before the first working interval is
 * skipped, and a target that ends exactly at closing time is due at closing time (not the next
 * opening). Zero minutes returns `start` itself.
 */
export function addBusinessTime(start: Date, minutes: number, calendar: WorkingCalendar): Date {
  requireInstant(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw invalid(`Business time to add must be zero or more minutes, got ${minutes}.`, 'minutes');
  }
  if (minutes === 0) return new Date(start.getTime());
  const cal = prepare(calendar);
  let remaining = minutes * MINUTE_MS;
  let cursor = start.getTime();
  let day = localDateOf(start, cal.timeZone);
  for (let i = 0; i < MAX_DAYS_SCANNED; i++, day = addDays(day, 1)) {
    for (const [spanStart, spanEnd] of workingSpans(day, cal)) {
      const from = Math.max(spanStart, cursor);
      if (from >= spanEnd) continue;
      if (remaining <= spanEnd - from) return new Date(from + remaining);
      remaining -= spanEnd - from;
      cursor = spanEnd;
    }
  }
  throw invalid(`The working calendar has too little working time to fit ${minutes} minutes.`, 'calendar');
}

/**
 * Business minutes from `a` to `b` (fractional; negative when `b` is before `a`), i.e. the real time
 * between them that falls inside working intervals.
 */
export function businessMinutesBetween(a: Date, b: Date, calendar: WorkingCalendar): number {
  requireInstant(a, 'a');
  requireInstant(b, 'b');
  if (b.getTime() < a.getTime()) return -businessMinutesBetween(b, a, calendar);
  const cal = prepare(calendar);
  const [from, to] = [a.getTime(), b.getTime()];
  const lastDay = localDateOf(b, cal.timeZone);
  let total = 0;
  for (let day = localDateOf(a, cal.timeZone); day <= lastDay; day = addDays(day, 1)) {
    for (const [spanStart, spanEnd] of workingSpans(day, cal)) {
      total += Math.max(0, Math.min(spanEnd, to) - Math.max(spanStart, from));
    }
  }
  return total / MINUTE_MS;
}
