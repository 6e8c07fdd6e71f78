import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import type { WorkingCalendar } from './sla.calendar.js';
import {
  type BreachCandidate,
  computeSla,
  DEFAULT_SLA_TARGETS,
  escalate,
  parseSlaTargets,
  type SlaInput,
  slaBreachesToEmit,
} from './sla.rules.js';

/** Instants carry their Amsterdam offset so the expectations read as the desk's local time. */
const at = (iso: string) => new Date(iso);
const MONDAY_0900 = at('2026-03-09T09:00:00+01:00');

function sla(input: Partial<SlaInput> & Pick<SlaInput, 'now'>) {
  return computeSla({ priority: 'P2', createdAt: MONDAY_0900, ...input });
}

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('SLA targets', () => {
  it('reads the targets per priority from sla.targets.json in business minutes', () => {
    expect(DEFAULT_SLA_TARGETS).toEqual({
      P1: { responseMinutes: 60, resolutionMinutes: 240 },
      P2: { responseMinutes: 240, resolutionMinutes: 480 },
      P3: { responseMinutes: 480, resolutionMinutes: 3 * 480 },
      P4: { responseMinutes: 960, resolutionMinutes: 5 * 480 },
    });
  });

  it('refuses targets that miss a priority or are not whole positive minutes', () => {
    const { P4: _omitted, ...missing } = DEFAULT_SLA_TARGETS;
    expect(errorOf(() => parseSlaTargets(missing)).field).toBe('targets.P4.responseMinutes');
    const zero = { ...DEFAULT_SLA_TARGETS, P1: { responseMinutes: 0, resolutionMinutes: 240 } };
    expect(errorOf(() => parseSlaTargets(zero)).code).toBe('BAD_USER_INPUT');
    expect(() => parseSlaTargets(null)).toThrow(DomainError);
  });
});

describe('computeSla due times', () => {
  it('gives a P2 ticket created Friday 16:00 a response due Monday 12:00 and resolution due Monday 16:00', () => {
    const result = computeSla({
      priority: 'P2',
      createdAt: at('2026-03-06T16:00:00+01:00'),
      now: at('2026-03-06T16:05:00+01:00'),
    });
    expect(result.responseDueAt).toEqual(at('2026-03-09T12:00:00+01:00'));
    expect(result.resolutionDueAt).toEqual(at('2026-03-09T16:00:00+01:00'));
    expect(result.responseRemainingMinutes).toBe(235);
    expect(result.resolutionRemainingMinutes).toBe(475);
    expect(result).toMatchObject({
      breached: false,
      responseBreached: false,
      resolutionBreached: false,
      paused: false,
    });
  });

  it('carries a P3 resolution over Christmas Day', () => {
    // Wed 23 Dec 10:00: 7h Wed, 8h Thu 24th, Fri 25th is a holiday, 8h Mon 28th, 1h Tue 29th.
    const result = computeSla({
      priority: 'P3',
      createdAt: at('2026-12-23T10:00:00+01:00'),
      now: at('2026-12-23T10:00:00+01:00'),
    });
    expect(result.responseDueAt).toEqual(at('2026-12-24T10:00:00+01:00'));
    expect(result.resolutionDueAt).toEqual(at('2026-12-29T10:00:00+01:00'));
  });

  it('honours a holiday only present in a custom calendar', () => {
    const calendar: WorkingCalendar = {
      timeZone: 'Europe/Amsterdam',
      workingHours: { MON: [{ start: '09:00', end: '17:00' }], TUE: [{ start: '09:00', end: '17:00' }] },
      holidays: ['2026-03-10'],
    };
    const result = computeSla(
      { priority: 'P1', createdAt: at('2026-03-09T15:00:00+01:00'), now: MONDAY_0900 },
      undefined,
      calendar,
    );
    // 2h on Monday, Tuesday is off, Wednesday-Sunday are not worked, 2h on Monday the 16th.
    expect(result.resolutionDueAt).toEqual(at('2026-03-16T11:00:00+01:00'));
  });

  it('keeps local office hours across the spring DST change', () => {
    const result = computeSla({
      priority: 'P3',
      createdAt: at('2026-03-27T10:00:00+01:00'),
      now: at('2026-03-27T10:00:00+01:00'),
    });
    expect(result.responseDueAt.toISOString()).toBe('2026-03-30T08:00:00.000Z'); // Monday 10:00 CEST
    expect(result.resolutionDueAt.toISOString()).toBe('2026-04-01T08:00:00.000Z'); // Wednesday 10:00 CEST
  });

  it('keeps local office hours across the autumn DST change', () => {
    const result = computeSla({
      priority: 'P2',
      createdAt: at('2026-10-23T15:00:00+02:00'),
      now: at('2026-10-23T15:00:00+02:00'),
    });
    expect(result.responseDueAt.toISOString()).toBe('2026-10-26T10:00:00.000Z'); // Monday 11:00 CET
    expect(result.resolutionDueAt.toISOString()).toBe('2026-10-26T14:00:00.000Z'); // Monday 15:00 CET
  });

  it('applies custom targets and calendars', () => {
    const always: WorkingCalendar = {
      timeZone: 'UTC',
      workingHours: Object.fromEntries(
        (['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const).map((d) => [
          d,
          [{ start: '00:00', end: '24:00' }],
        ]),
      ),
      holidays: [],
    };
    const targets = parseSlaTargets({
      ...DEFAULT_SLA_TARGETS,
      P1: { responseMinutes: 15, resolutionMinutes: 120 },
    });
    const result = computeSla(
      { priority: 'P1', createdAt: at('2026-03-07T23:00:00Z'), now: at('2026-03-07T23:00:00Z') },
      targets,
      always,
    );
    expect(result.responseDueAt.toISOString()).toBe('2026-03-07T23:15:00.000Z');
    expect(result.resolutionDueAt.toISOString()).toBe('2026-03-08T01:00:00.000Z');
  });
});

describe('computeSla pauses while waiting on the requester', () => {
  it('extends the resolution due time by the business time spent waiting, not the response', () => {
    const result = sla({
      firstRespondedAt: at('2026-03-09T10:00:00+01:00'),
      pauses: [{ from: at('2026-03-09T11:00:00+01:00'), to: at('2026-03-09T14:00:00+01:00') }],
      now: at('2026-03-09T15:00:00+01:00'),
    });
    expect(result.responseDueAt).toEqual(at('2026-03-09T13:00:00+01:00'));
    expect(result.resolutionDueAt).toEqual(at('2026-03-10T12:00:00+01:00'));
    expect(result.resolutionRemainingMinutes).toBe(300);
    expect(result.paused).toBe(false);
  });

  it('freezes the remaining time while a pause is still open', () => {
    const pauses = [{ from: at('2026-03-09T11:00:00+01:00'), to: null }];
    const early = sla({ firstRespondedAt: MONDAY_0900, pauses, now: at('2026-03-09T13:00:00+01:00') });
    expect(early.paused).toBe(true);
    expect(early.resolutionDueAt).toEqual(at('2026-03-10T11:00:00+01:00'));
    expect(early.resolutionRemainingMinutes).toBe(360);
    const later = sla({ firstRespondedAt: MONDAY_0900, pauses, now: at('2026-03-12T16:30:00+01:00') });
    expect(later.resolutionRemainingMinutes).toBe(360);
    expect(later.breached).toBe(false);
  });

  it('does not keep the response clock from running out while waiting', () => {
    const result = sla({
      pauses: [{ from: at('2026-03-09T10:00:00+01:00'), to: null }],
      now: at('2026-03-09T14:00:00+01:00'),
    });
    expect(result).toMatchObject({
      paused: true,
      responseBreached: true,
      resolutionBreached: false,
      breached: true,
    });
  });

  it('adds nothing for waiting outside working hours', () => {
    const base = {
      priority: 'P3' as const,
      createdAt: at('2026-03-06T09:00:00+01:00'),
      now: at('2026-03-09T09:00:00+01:00'),
    };
    const weekend = [{ from: at('2026-03-06T17:00:00+01:00'), to: at('2026-03-09T09:00:00+01:00') }];
    expect(computeSla({ ...base, pauses: weekend }).resolutionDueAt).toEqual(at('2026-03-10T17:00:00+01:00'));
    expect(computeSla(base).resolutionDueAt).toEqual(at('2026-03-10T17:00:00+01:00'));
  });

  it('counts overlapping pauses once and ignores waiting before the ticket existed', () => {
    const overlapping = sla({
      pauses: [
        { from: at('2026-03-09T11:00:00+01:00'), to: at('2026-03-09T13:00:00+01:00') },
        { from: at('2026-03-09T12:00:00+01:00'), to: at('2026-03-09T14:00:00+01:00') },
      ],
      now: at('2026-03-09T15:00:00+01:00'),
    });
    expect(overlapping.resolutionDueAt).toEqual(at('2026-03-10T12:00:00+01:00'));
    const early = sla({
      pauses: [{ from: at('2026-03-09T08:00:00+01:00'), to: at('2026-03-09T10:00:00+01:00') }],
      now: at('2026-03-09T15:00:00+01:00'),
    });
    expect(early.resolutionDueAt).toEqual(at('2026-03-10T10:00:00+01:00'));
  });

  it('extends by a pause that runs past the original deadline, to the minute', () => {
    // P1 due 13:00; waiting 12:00 Mon - 10:00 Tue is 6 business hours, so due Tue 11:00.
    const result = computeSla({
      priority: 'P1',
      createdAt: MONDAY_0900,
      firstRespondedAt: MONDAY_0900,
      pauses: [{ from: at('2026-03-09T12:00:00+01:00'), to: at('2026-03-10T10:00:00+01:00') }],
      resolvedAt: at('2026-03-10T11:00:00+01:00'),
      now: at('2026-03-11T09:00:00+01:00'),
    });
    expect(result.resolutionDueAt).toEqual(at('2026-03-10T11:00:00+01:00'));
    expect(result.breached).toBe(false);
  });

  it('does not let a pause that began after the deadline undo a breach', () => {
    const result = computeSla({
      priority: 'P1',
      createdAt: MONDAY_0900,
      firstRespondedAt: MONDAY_0900,
      pauses: [{ from: at('2026-03-09T14:00:00+01:00'), to: at('2026-03-09T15:00:00+01:00') }],
      resolvedAt: at('2026-03-09T15:30:00+01:00'),
      now: at('2026-03-09T16:00:00+01:00'),
    });
    expect(result.resolutionDueAt).toEqual(at('2026-03-09T13:00:00+01:00'));
    expect(result.resolutionBreached).toBe(true);
  });

  it('stops counting a pause at the resolution and is not paused once resolved', () => {
    const result = sla({
      firstRespondedAt: MONDAY_0900,
      pauses: [{ from: at('2026-03-09T15:00:00+01:00'), to: null }],
      resolvedAt: at('2026-03-09T16:00:00+01:00'),
      now: at('2026-03-11T12:00:00+01:00'),
    });
    expect(result.resolutionDueAt).toEqual(at('2026-03-10T10:00:00+01:00'));
    expect(result).toMatchObject({ paused: false, breached: false, resolutionRemainingMinutes: null });
  });
});

describe('computeSla breach detection', () => {
  it('breaches the response when nobody answered in time, judged against now', () => {
    const onTheDot = computeSla({
      priority: 'P1',
      createdAt: MONDAY_0900,
      now: at('2026-03-09T10:00:00+01:00'),
    });
    expect(onTheDot).toMatchObject({ responseBreached: false, breached: false, responseRemainingMinutes: 0 });
    const late = computeSla({ priority: 'P1', createdAt: MONDAY_0900, now: at('2026-03-09T10:00:30+01:00') });
    expect(late).toMatchObject({ responseBreached: true, breached: true, responseRemainingMinutes: -1 });
    expect(late.resolutionRemainingMinutes).toBe(179);
  });

  it('judges an answered or resolved ticket by the actual time, not by now', () => {
    const answered = computeSla({
      priority: 'P1',
      createdAt: MONDAY_0900,
      firstRespondedAt: at('2026-03-09T09:59:00+01:00'),
      now: at('2026-03-09T12:00:00+01:00'),
    });
    expect(answered).toMatchObject({
      responseBreached: false,
      responseRemainingMinutes: null,
      resolutionRemainingMinutes: 60,
    });
    const answeredLate = computeSla({
      priority: 'P1',
      createdAt: MONDAY_0900,
      firstRespondedAt: at('2026-03-09T10:30:00+01:00'),
      resolvedAt: at('2026-03-09T11:00:00+01:00'),
      now: at('2026-03-20T12:00:00+01:00'),
    });
    expect(answeredLate).toMatchObject({ responseBreached: true, resolutionBreached: false, breached: true });
    const resolvedLate = computeSla({
      priority: 'P1',
      createdAt: MONDAY_0900,
      firstRespondedAt: MONDAY_0900,
      resolvedAt: at('2026-03-09T13:30:00+01:00'),
      now: at('2026-03-09T13:45:00+01:00'),
    });
    expect(resolvedLate).toMatchObject({
      resolutionBreached: true,
      breached: true,
      resolutionRemainingMinutes: null,
    });
  });

  it('counts a resolution without an earlier answer as the response', () => {
    const result = computeSla({
      priority: 'P1',
      createdAt: MONDAY_0900,
      resolvedAt: at('2026-03-09T09:30:00+01:00'),
      now: at('2026-03-10T09:00:00+01:00'),
    });
    expect(result).toMatchObject({ breached: false, responseRemainingMinutes: null });
  });

  it('reports a ticket overdue only outside working hours as breached with 0 minutes left', () => {
    const result = computeSla({
      priority: 'P2',
      createdAt: at('2026-03-06T09:00:00+01:00'),
      firstRespondedAt: at('2026-03-06T09:30:00+01:00'),
      now: at('2026-03-07T10:00:00+01:00'),
    });
    expect(result.resolutionBreached).toBe(true);
    expect(Object.is(result.resolutionRemainingMinutes, 0)).toBe(true);
  });

  it('rejects input that cannot describe a ticket', () => {
    expect(
      errorOf(() => computeSla({ priority: 'P9' as never, createdAt: MONDAY_0900, now: MONDAY_0900 })).field,
    ).toBe('priority');
    const early = {
      priority: 'P1' as const,
      createdAt: MONDAY_0900,
      resolvedAt: at('2026-03-09T08:00:00+01:00'),
      now: MONDAY_0900,
    };
    expect(errorOf(() => computeSla(early)).field).toBe('resolvedAt');
    const backwards = [{ from: at('2026-03-09T12:00:00+01:00'), to: at('2026-03-09T11:00:00+01:00') }];
    expect(errorOf(() => sla({ pauses: backwards, now: MONDAY_0900 })).field).toBe('pauses.0.to');
    expect(errorOf(() => sla({ now: new Date('invalid') })).field).toBe('now');
  });
});

describe('escalation', () => {
  it('moves a breached ticket one priority up and keeps P1 at P1', () => {
    expect(escalate('P4')).toBe('P3');
    expect(escalate('P3')).toBe('P2');
    expect(escalate('P2')).toBe('P1');
    expect(escalate('P1')).toBe('P1');
    expect(errorOf(() => escalate('P0' as never)).code).toBe('BAD_USER_INPUT');
  });

  it('returns each breach once: only tickets whose breach is not recorded yet', () => {
    const base = { createdAt: MONDAY_0900, breachRecordedAt: null };
    let tickets: Array<BreachCandidate & { title: string }> = [
      { ...base, id: 'late-answer', title: 'VPN down', priority: 'P1' },
      { ...base, id: 'late-fix', title: 'Printer', priority: 'P3', firstRespondedAt: MONDAY_0900 },
      {
        ...base,
        id: 'on-time',
        title: 'Laptop',
        priority: 'P2',
        firstRespondedAt: MONDAY_0900,
        resolvedAt: MONDAY_0900,
      },
      {
        ...base,
        id: 'already-recorded',
        title: 'Mail',
        priority: 'P1',
        breachRecordedAt: at('2026-03-09T10:05:00+01:00'),
      },
    ];
    const now = at('2026-03-12T09:30:00+01:00');
    const first = slaBreachesToEmit(tickets, now);
    expect(first.map((b) => [b.ticket.id, b.kinds, b.escalatedPriority])).toEqual([
      ['late-answer', ['RESPONSE', 'RESOLUTION'], 'P1'],
      ['late-fix', ['RESOLUTION'], 'P2'],
    ]);
    expect(first[0].ticket.title).toBe('VPN down');
    expect(first[1].sla.resolutionDueAt).toEqual(at('2026-03-11T17:00:00+01:00'));

    // The job records each breach it emitted; the next run emits nothing new.
    const emitted = new Set(first.map((b) => b.ticket.id));
    tickets = tickets.map((t) => (emitted.has(t.id) ? { ...t, breachRecordedAt: now } : t));
    expect(slaBreachesToEmit(tickets, at('2026-03-12T10:00:00+01:00'))).toEqual([]);
  });

  it('emits nothing before the deadline passes', () => {
    const ticket: BreachCandidate = {
      id: 't',
      priority: 'P4',
      createdAt: MONDAY_0900,
      breachRecordedAt: null,
    };
    expect(slaBreachesToEmit([ticket], at('2026-03-10T16:59:00+01:00'))).toEqual([]);
    expect(slaBreachesToEmit([ticket], at('2026-03-10T17:00:01+01:00'))).toHaveLength(1);
  });
});
