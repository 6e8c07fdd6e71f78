import { DomainError } from '@backoffice/kit/errors';
import workingCalendarData from './sla.calendar.json' with { type: 'json' };
import { addBusinessTime, businessMinutesBetween, type WorkingCalendar } from './sla.calendar.js';
import { isPriority, PRIORITIES, type Priority } from './sla.priority.js';
import slaTargetsData from './sla.targets.json' with { type: 'json' };

/**
 * Service-level agreements: per priority a response and a resolution target in business minutes of
 * the working calendar (a business day is 8 hours, so "1 business day" is 480). The response clock
 * runs from creation to the first answer and is never paused; the resolution clock stops while the
 * ticket waits on the requester (or sits resolved before a reopen) and those paused business minutes
 * push the resolution due time back.
 */

export interface SlaTarget {
  responseMinutes: number;
  resolutionMinutes: number;
}
export type SlaTargets = Readonly<Record<Priority, SlaTarget>>;

export interface SlaPause {
  from: Date;
  /** null while the ticket is still waiting. */
  to: Date | null;
}

export interface SlaInput {
  priority: Priority;
  createdAt: Date;
  /** The first answer to the requester; a resolution also counts as one when this is empty. */
  firstRespondedAt?: Date | null;
  resolvedAt?: Date | null;
  pauses?: readonly SlaPause[];
  now: Date;
}

export interface SlaStatus {
  responseDueAt: Date;
  resolutionDueAt: Date;
  /**
   * Whole business minutes left on a running clock (negative when late, rounded down so one second
   * late is -1); null once the clock stopped. A ticket overdue only outside working hours shows 0
   * while `breached` already says it is late: lateness is judged on real time.
   */
  responseRemainingMinutes: number | null;
  resolutionRemainingMinutes: number | null;
  breached: boolean;
  responseBreached: boolean;
  resolutionBreached: boolean;
  /** The resolution clock is stopped right now (an open pause on an unresolved ticket). */
  paused: boolean;
}

/** Validates targets read from data: every priority, whole positive minutes. */
export function parseSlaTargets(data: unknown): SlaTargets {
  const source = (data ?? {}) as Record<string, Partial<SlaTarget> | undefined>;
  const targets = {} as Record<Priority, SlaTarget>;
  for (const priority of PRIORITIES) {
    const target = source[priority];
    for (const key of ['responseMinutes', 'resolutionMinutes'] as const) {
      const value = target?.[key];
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
        throw new DomainError(
          'BAD_USER_INPUT',
          `SLA target ${priority}.${key} must be a whole number of minutes above zero.`,
          `targets.${priority}.${key}`,
        );
      }
    }
    targets[priority] = {
      responseMinutes: target!.responseMinutes!,
      resolutionMinutes: target!.resolutionMinutes!,
    };
  }
  return Object.freeze(targets);
}

/** P1 1h/4h, P2 4h/1 business day, P3 8h/3 business days, P4 16h/5 business days (`sla.targets.json`). */
export const DEFAULT_SLA_TARGETS: SlaTargets = parseSlaTargets(slaTargetsData);

/** Mon-Fri 09:00-17:00 Europe/Amsterdam with Dutch public holidays (`sla.calendar.json`). */
export const DEFAULT_WORKING_CALENDAR: WorkingCalendar = workingCalendarData as WorkingCalendar;

function instant(value: unknown, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new DomainError('BAD_USER_INPUT', `${field} must be a valid date-time.`, field);
  }
  return value;
}

function optionalInstant(value: unknown, field: string): Date | null {
  return value === null || value === undefined ? null : instant(value, field);
}

/** Pauses clipped to [createdAt, min(now, resolvedAt)], sorted and merged, as epoch ms. */
function effectivePauses(
  pauses: readonly SlaPause[],
  createdAt: number,
  clockEnd: number,
): Array<[number, number]> {
  const spans = pauses
    .map((pause, i): [number, number] => {
      const from = instant(pause.from, `pauses.${i}.from`).getTime();
      const to = optionalInstant(pause.to, `pauses.${i}.to`)?.getTime();
      if (to !== undefined && to < from) {
        throw new DomainError('BAD_USER_INPUT', `Pause ${i} ends before it starts.`, `pauses.${i}.to`);
      }
      // An open pause lasts until now; nothing after the resolution (or now) can stop the clock.
      return [Math.max(from, createdAt), Math.min(to ?? clockEnd, clockEnd)];
    })
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

function remaining(now: Date, due: Date, calendar: WorkingCalendar): number {
  // `+ 0` turns the -0 of "late, but only outside working hours" into a plain 0.
  return Math.floor(businessMinutesBetween(now, due, calendar)) + 0;
}

/** The SLA of one ticket as of `input.now`. */
export function computeSla(
  input: SlaInput,
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): SlaStatus {
  if (!isPriority(input.priority)) {
    throw new DomainError('BAD_USER_INPUT', `Unknown priority "${String(input.priority)}".`, 'priority');
  }
  const target = targets[input.priority];
  const createdAt = instant(input.createdAt, 'createdAt');
  const now = instant(input.now, 'now');
  const resolvedAt = optionalInstant(input.resolvedAt, 'resolvedAt');
  const respondedAt = optionalInstant(input.firstRespondedAt, 'firstRespondedAt') ?? resolvedAt;
  if (resolvedAt && resolvedAt < createdAt) {
    throw new DomainError(
      'BAD_USER_INPUT',
      'A ticket cannot be resolved before it was created.',
      'resolvedAt',
    );
  }

  const responseDueAt = addBusinessTime(createdAt, target.responseMinutes, calendar);

  // Walk the pauses in order: each one that began before the (so far extended) due time stopped the
  // clock and pushes it back by its business minutes; one that began after the deadline came too
  // late to save it, so a breach cannot be undone by parking the ticket afterwards.
  const clockEnd = Math.min(now.getTime(), resolvedAt?.getTime() ?? Number.POSITIVE_INFINITY);
  let resolutionDueAt = addBusinessTime(createdAt, target.resolutionMinutes, calendar);
  for (const [from, to] of effectivePauses(input.pauses ?? [], createdAt.getTime(), clockEnd)) {
    if (from > resolutionDueAt.getTime()) break;
    const pausedMinutes = businessMinutesBetween(new Date(from), new Date(to), calendar);
    resolutionDueAt = addBusinessTime(resolutionDueAt, pausedMinutes, calendar);
  }

  const responseBreached = (respondedAt ?? now).getTime() > responseDueAt.getTime();
  const resolutionBreached = (resolvedAt ?? now).getTime() > resolutionDueAt.getTime();
  const paused =
    !resolvedAt &&
    (input.pauses ?? []).some((pause) => pause.to === null && pause.from.getTime() <= now.getTime());
  return {
    responseDueAt,
    resolutionDueAt,
    responseRemainingMinutes: respondedAt ? null : remaining(now, responseDueAt, calendar),
    resolutionRemainingMinutes: resolvedAt ? null : remaining(now, resolutionDueAt, calendar),
    breached: responseBreached || resolutionBreached,
    responseBreached,
    resolutionBreached,
    paused,
  };
}

/** The breach escalation policy: one priority level up; P1 is already the top and stays P1. */
export function escalate(priority: Priority): Priority {
  const index = PRIORITIES.indexOf(priority);
  if (index < 0)
    throw new DomainError('BAD_USER_INPUT', `Unknown priority "${String(priority)}".`, 'priority');
  return PRIORITIES[Math.max(0, index - 1)];
}

export interface BreachCandidate extends Omit<SlaInput, 'now'> {
  id: string;
  /** When the breach was recorded (event emitted, ticket escalated); null while not yet. */
  breachRecordedAt: Date | null;
}

export interface SlaBreach<T extends BreachCandidate> {
  ticket: T;
  sla: SlaStatus;
  /** Which clocks ran out, response first. */
  kinds: Array<'RESPONSE' | 'RESOLUTION'>;
  /** The priority to escalate to ({@link escalate}); equal to the current one for P1. */
  escalatedPriority: Priority;
}

/**
 * The breaches a scheduled job should emit now: breached tickets whose breach was not recorded yet.
 * The job records `breachRecordedAt` with each emission, so every ticket's breach is emitted once
 * however often the job runs. A ticket resolved late before the job noticed is still returned: the
 * breach happened and belongs on record.
 */
export function slaBreachesToEmit<T extends BreachCandidate>(
  tickets: readonly T[],
  now: Date,
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): Array<SlaBreach<T>> {
  const breaches: Array<SlaBreach<T>> = [];
  for (const ticket of tickets) {
    if (ticket.breachRecordedAt) continue;
    const sla = computeSla({ ...ticket, now }, targets, calendar);
    if (!sla.breached) continue;
    const kinds: SlaBreach<T>['kinds'] = [];
    if (sla.responseBreached) kinds.push('RESPONSE');
    if (sla.resolutionBreached) kinds.push('RESOLUTION');
    breaches.push({ ticket, sla, kinds, escalatedPriority: escalate(ticket.priority) });
  }
  return breaches;
}
