import { DomainError } from '@backoffice/kit/errors';
import { addDays, businessMinutesBetween, localDateOf, type WorkingCalendar } from '../sla/sla.calendar.js';
import { DEFAULT_SLA_TARGETS, DEFAULT_WORKING_CALENDAR, type SlaTargets } from '../sla/sla.rules.js';
import { PRIORITIES, type Priority } from '../sla/sla.priority.js';

/** What the IT service turns into a ticket (with the employee as requester) for a checklist. */
export interface ChecklistTicket {
  title: string;
  /** Markdown with a `- [ ]` task list, as shown on the ticket. */
  description: string;
  /** The same tasks as plain text, one per item, for clients that tick them off one by one. */
  items: string[];
  dueAt: Date;
  category: 'ONBOARDING' | 'OFFBOARDING';
  priority: Priority;
}

export type WorkLocation = 'OFFICE' | 'REMOTE' | 'HYBRID';
export const WORK_LOCATIONS: readonly WorkLocation[] = ['OFFICE', 'REMOTE', 'HYBRID'];

export interface ChecklistEmployee {
  givenName: string;
  familyName: string;
  departmentName?: string | null;
  departmentCostCenter?: string | null;
  workLocation: WorkLocation;
}

export interface ChecklistOptions {
  calendar?: WorkingCalendar;
  targets?: SlaTargets;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function requireDate(value: unknown, field: string): string {
  if (typeof value === 'string' && DATE_PATTERN.test(value)) {
    try {
      // addDays normalises impossible dates (2026-02-30), so a round trip proves the date exists.
      if (addDays(value, 0) === value) return value;
    } catch {
      // Reported below with the caller's field name.
    }
  }
  throw new DomainError(
    'BAD_USER_INPUT',
    `${field} must be a date as YYYY-MM-DD, got "${String(value)}".`,
    field,
  );
}

export function requireText(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new DomainError('BAD_USER_INPUT', `${field} must not be empty.`, field);
  return text;
}

export function requireWorkLocation(value: unknown, field: string): WorkLocation {
  if (!WORK_LOCATIONS.includes(value as WorkLocation)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${field} must be one of ${WORK_LOCATIONS.join(', ')}, got "${String(value)}".`,
      field,
    );
  }
  return value as WorkLocation;
}

export function fullName(employee: { givenName: string; familyName: string }): string {
  return `${requireText(employee.givenName, 'employee.givenName')} ${requireText(employee.familyName, 'employee.familyName')}`;
}

/** Escapes what Markdown would otherwise read as formatting in names typed by people. */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (char) => `\\${char}`);
}

export function taskList(items: readonly string[]): string {
  return items.map((item) => `- [ ] ${markdownText(item)}`).join('\n');
}

/** `2026-03-06 09:00 (Europe/Amsterdam)`: how the due time reads to the agents in the office. */
export function localDateTime(instant: Date, calendar: WorkingCalendar): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: calendar.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${localDateOf(instant, calendar.timeZone)} ${time} (${calendar.timeZone})`;
}

/**
 * The least urgent priority, no lower than `floor`, whose resolution target still fits between now
 * and the due time, so a checklist raised at the last minute jumps the queue; P1 when nothing fits.
 * Without `now` the checklist is assumed to be raised in good time and gets `floor`.
 */
export function priorityToMeet(
  dueAt: Date,
  floor: Priority,
  now: Date | undefined,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
): Priority {
  if (!now) return floor;
  const available = businessMinutesBetween(now, dueAt, calendar);
  const candidates = PRIORITIES.slice(0, PRIORITIES.indexOf(floor) + 1).reverse();
  return candidates.find((priority) => targets[priority].resolutionMinutes <= available) ?? 'P1';
}
