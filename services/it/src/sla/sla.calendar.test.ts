import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import {
  addBusinessTime,
  addDays,
  businessMinutesBetween,
  isBusinessDay,
  localDateOf,
  nextBusinessDay,
  previousBusinessDay,
  type WorkingCalendar,
  weekdayOf,
  zonedInstant,
} from './sla.calendar.js';
import { DEFAULT_WORKING_CALENDAR } from './sla.rules.js';

const officeHours = [{ start: '09:00', end: '17:00' }];
const amsterdam: WorkingCalendar = {
  timeZone: 'Europe/Amsterdam',
  workingHours: { MON: officeHours, TUE: officeHours, WED: officeHours, THU: officeHours, FRI: officeHours },
  holidays: ['2025-12-25', '2025-12-26', '2026-01-01', '2026-04-27'],
};

/** Instants are written with their Amsterdam offset (+01:00 winter, +02:00 summer) so they read as local time. */
const at = (iso: string) => new Date(iso);
const add = (start: string, minutes: number, calendar = amsterdam) =>
  addBusinessTime(at(start), minutes, calendar).toISOString();
const iso = (value: string) => at(value).toISOString();

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('addBusinessTime', () => {
  it('carries Friday 16:00 + 4 business hours to Monday 12:00 (1h Friday + 3h Monday)', () => {
    expect(add('2026-03-06T16:00:00+01:00', 240)).toBe(iso('2026-03-09T12:00:00+01:00'));
  });

  it('starts counting at opening time when created before hours or at the weekend', () => {
    expect(add('2026-03-09T07:15:00+01:00', 60)).toBe(iso('2026-03-09T10:00:00+01:00'));
    expect(add('2026-03-07T11:00:00+01:00', 60)).toBe(iso('2026-03-09T10:00:00+01:00'));
    expect(add('2026-03-09T18:30:00+01:00', 30)).toBe(iso('2026-03-10T09:30:00+01:00'));
  });

  it('is due at closing time when the target ends exactly then, not at the next opening', () => {
    expect(add('2026-03-09T09:00:00+01:00', 480)).toBe(iso('2026-03-09T17:00:00+01:00'));
  });

  it('returns the start itself for zero minutes and handles fractions of a minute', () => {
    expect(add('2026-03-07T11:00:00+01:00', 0)).toBe(iso('2026-03-07T11:00:00+01:00'));
    expect(add('2026-03-09T09:00:00+01:00', 1.5)).toBe(iso('2026-03-09T09:01:30+01:00'));
  });

  it('skips holidays: Tuesday 23 Dec 13:00 + 5 business days lands on Friday 2 Jan 13:00', () => {
    // 4h Tue, 8h Wed 24th, Christmas 25/26, 8h Mon 29th, 8h Tue 30th, 8h Wed 31st, New Year, 4h Fri 2 Jan.
    expect(add('2025-12-23T13:00:00+01:00', 2400)).toBe(iso('2026-01-02T13:00:00+01:00'));
  });

  it('crosses the spring DST change (last Sunday of March) in local working hours', () => {
    // Friday 27 March is CET (+01:00); Monday 30 March is CEST (+02:00).
    expect(add('2026-03-27T10:00:00+01:00', 480)).toBe(iso('2026-03-30T10:00:00+02:00'));
    expect(add('2026-03-27T10:00:00+01:00', 1440)).toBe(iso('2026-04-01T10:00:00+02:00'));
    expect(add('2026-03-27T10:00:00+01:00', 480)).toBe('2026-03-30T08:00:00.000Z');
  });

  it('crosses the autumn DST change (last Sunday of October) in local working hours', () => {
    expect(add('2026-10-23T15:00:00+02:00', 240)).toBe(iso('2026-10-26T11:00:00+01:00'));
    expect(add('2026-10-23T15:00:00+02:00', 240)).toBe('2026-10-26T10:00:00.000Z');
  });

  it('counts real elapsed time through the DST hour itself', () => {
    const roundTheClock: WorkingCalendar = {
      timeZone: 'Europe/Amsterdam',
      workingHours: { SUN: [{ start: '00:00', end: '24:00' }] },
      holidays: [],
    };
    // 00:00 CET + 3h of real time is 04:00 CEST: the clocks skip 02:00-03:00.
    expect(add('2026-03-29T00:00:00+01:00', 180, roundTheClock)).toBe(iso('2026-03-29T04:00:00+02:00'));
    // 00:00 CEST + 3h of real time is 02:00 CET: the clocks repeat 02:00-03:00.
    expect(add('2026-10-25T00:00:00+02:00', 180, roundTheClock)).toBe(iso('2026-10-25T02:00:00+01:00'));
  });

  it('uses working intervals with a lunch break', () => {
    const withLunch: WorkingCalendar = {
      ...amsterdam,
      workingHours: {
        MON: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
      },
    };
    expect(add('2026-03-09T11:00:00+01:00', 120, withLunch)).toBe(iso('2026-03-09T14:00:00+01:00'));
    expect(add('2026-03-09T12:30:00+01:00', 30, withLunch)).toBe(iso('2026-03-09T13:30:00+01:00'));
    // Monday is the only working day: 6h left on the 9th, then 1h on the next Monday.
    expect(add('2026-03-09T10:00:00+01:00', 420, withLunch)).toBe(iso('2026-03-16T10:00:00+01:00'));
  });

  it('works in other zones, including their own DST dates and half-hour offsets', () => {
    const newYork: WorkingCalendar = { ...amsterdam, timeZone: 'America/New_York', holidays: [] };
    // US clocks go forward on Sunday 8 March 2026, three weeks before Europe.
    expect(add('2026-03-06T16:00:00-05:00', 240, newYork)).toBe(iso('2026-03-09T12:00:00-04:00'));
    const kolkata: WorkingCalendar = { ...amsterdam, timeZone: 'Asia/Kolkata', holidays: [] };
    expect(add('2026-03-09T16:30:00+05:30', 60, kolkata)).toBe(iso('2026-03-10T09:30:00+05:30'));
  });

  it('rejects negative or non-numeric durations, invalid instants and broken calendars', () => {
    expect(errorOf(() => addBusinessTime(at('2026-03-09T09:00:00Z'), -1, amsterdam)).field).toBe('minutes');
    expect(errorOf(() => addBusinessTime(at('2026-03-09T09:00:00Z'), Number.NaN, amsterdam)).code).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorOf(() => addBusinessTime(new Date('nope'), 10, amsterdam)).field).toBe('start');
    const badZone = errorOf(() =>
      addBusinessTime(at('2026-03-09T09:00:00Z'), 10, { ...amsterdam, timeZone: 'Mars/Olympus' }),
    );
    expect([badZone.code, badZone.field]).toEqual(['BAD_USER_INPUT', 'calendar.timeZone']);
    const idle = errorOf(() =>
      addBusinessTime(at('2026-03-09T09:00:00Z'), 10, { ...amsterdam, workingHours: {} }),
    );
    expect(idle.field).toBe('calendar.workingHours');
    const backwards = { ...amsterdam, workingHours: { MON: [{ start: '17:00', end: '09:00' }] } };
    expect(errorOf(() => addBusinessTime(at('2026-03-09T09:00:00Z'), 10, backwards)).field).toBe(
      'calendar.workingHours.MON.0',
    );
    const badTime = { ...amsterdam, workingHours: { MON: [{ start: '9am', end: '17:00' }] } };
    expect(errorOf(() => addBusinessTime(at('2026-03-09T09:00:00Z'), 10, badTime)).field).toBe(
      'calendar.workingHours.MON.0.start',
    );
    const badHoliday = { ...amsterdam, holidays: ['2026-02-30'] };
    expect(errorOf(() => addBusinessTime(at('2026-03-09T09:00:00Z'), 10, badHoliday)).field).toBe(
      'calendar.holidays.0',
    );
  });
});

describe('businessMinutesBetween', () => {
  it('counts only working time: Friday 16:00 to Monday 12:00 is 240 minutes', () => {
    expect(
      businessMinutesBetween(at('2026-03-06T16:00:00+01:00'), at('2026-03-09T12:00:00+01:00'), amsterdam),
    ).toBe(240);
  });

  it('is negative when the end comes first and zero within one non-working stretch', () => {
    expect(
      businessMinutesBetween(at('2026-03-09T12:00:00+01:00'), at('2026-03-06T16:00:00+01:00'), amsterdam),
    ).toBe(-240);
    expect(
      businessMinutesBetween(at('2026-03-06T17:00:00+01:00'), at('2026-03-09T09:00:00+01:00'), amsterdam),
    ).toBe(0);
  });

  it('keeps a working day at 8 hours across both DST changes', () => {
    expect(
      businessMinutesBetween(at('2026-03-27T09:00:00+01:00'), at('2026-03-30T17:00:00+02:00'), amsterdam),
    ).toBe(960);
    expect(
      businessMinutesBetween(at('2026-10-23T09:00:00+02:00'), at('2026-10-26T17:00:00+01:00'), amsterdam),
    ).toBe(960);
  });

  it('skips holidays and measures the 23- and 25-hour days as they are', () => {
    expect(
      businessMinutesBetween(at('2025-12-24T09:00:00+01:00'), at('2025-12-29T17:00:00+01:00'), amsterdam),
    ).toBe(960);
    const roundTheClock: WorkingCalendar = {
      timeZone: 'Europe/Amsterdam',
      workingHours: { SUN: [{ start: '00:00', end: '24:00' }] },
      holidays: [],
    };
    expect(
      businessMinutesBetween(at('2026-03-28T12:00:00+01:00'), at('2026-03-30T12:00:00+02:00'), roundTheClock),
    ).toBe(23 * 60);
    expect(
      businessMinutesBetween(at('2026-10-24T12:00:00+02:00'), at('2026-10-26T12:00:00+01:00'), roundTheClock),
    ).toBe(25 * 60);
  });

  it('is the inverse of addBusinessTime', () => {
    const start = at('2026-03-26T14:20:00+01:00');
    for (const minutes of [1, 59, 480, 1337, 2400, 10_000]) {
      const due = addBusinessTime(start, minutes, DEFAULT_WORKING_CALENDAR);
      expect(businessMinutesBetween(start, due, DEFAULT_WORKING_CALENDAR)).toBeCloseTo(minutes, 9);
    }
  });
});

describe('calendar days', () => {
  it('reads local dates and weekdays in the calendar zone', () => {
    expect(localDateOf(at('2026-03-06T23:30:00Z'), 'Europe/Amsterdam')).toBe('2026-03-07');
    expect(localDateOf(at('2026-03-06T23:30:00Z'), 'America/New_York')).toBe('2026-03-06');
    expect(weekdayOf('2026-03-06')).toBe('FRI');
    expect(weekdayOf('2026-03-08')).toBe('SUN');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('knows business days, skipping weekends and holidays', () => {
    expect(isBusinessDay('2026-03-06', amsterdam)).toBe(true);
    expect(isBusinessDay('2026-03-07', amsterdam)).toBe(false);
    expect(isBusinessDay('2026-04-27', amsterdam)).toBe(false);
    expect(previousBusinessDay('2026-03-09', amsterdam)).toBe('2026-03-06');
    expect(previousBusinessDay('2026-04-28', amsterdam)).toBe('2026-04-24');
    expect(previousBusinessDay('2026-04-07', DEFAULT_WORKING_CALENDAR)).toBe('2026-04-03');
    expect(nextBusinessDay('2025-12-25', amsterdam)).toBe('2025-12-29');
    expect(nextBusinessDay('2026-03-09', amsterdam)).toBe('2026-03-09');
    expect(errorOf(() => isBusinessDay('2026-13-01', amsterdam)).code).toBe('BAD_USER_INPUT');
  });

  it('turns local wall-clock times into instants, also in the DST gap and overlap', () => {
    expect(zonedInstant('2026-03-06', '09:00', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-03-06T08:00:00.000Z',
    );
    expect(zonedInstant('2026-07-01', '09:00', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    // 02:30 does not exist on 29 March: it moves forward to 03:30 CEST.
    expect(zonedInstant('2026-03-29', '02:30', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 happens twice on 25 October: the first one (CEST) counts.
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('ships a default calendar of Dutch office hours and public holidays', () => {
    expect(DEFAULT_WORKING_CALENDAR.timeZone).toBe('Europe/Amsterdam');
    expect(DEFAULT_WORKING_CALENDAR.holidays).toEqual(
      expect.arrayContaining([
        '2026-01-01',
        '2026-04-06',
        '2026-04-27',
        '2026-05-14',
        '2026-05-25',
        '2026-12-25',
      ]),
    );
    expect(isBusinessDay('2026-05-14', DEFAULT_WORKING_CALENDAR)).toBe(false);
    expect(isBusinessDay('2026-05-15', DEFAULT_WORKING_CALENDAR)).toBe(true);
  });
});
