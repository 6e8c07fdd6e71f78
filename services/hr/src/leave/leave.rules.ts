import { civilToDay, dayToCivil, fromDay, toDay, toEndDay } from '../contracts/calendar.js';
import { badInput, conflict, forbidden } from '@backoffice/kit/errors';
import {
  BALANCE_LEAVE_TYPES,
  type EntitlementInput,
  LEAVE_TYPES,
  type LeaveBalance,
  type LeaveType,
  leaveBalance,
} from './leave-balance.js';
import {
  holidaySet,
  type LeavePeriod,
  leaveSpan,
  spanDays,
  spansOverlap,
  type WorkingCalendar,
} from './working-days.js';

export type LeaveStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED';

/** A stored leave request as the rules need it. */
export interface LeaveRequestRecord extends LeavePeriod {
  id?: string;
  employeeId: string;
  type: LeaveType;
  status: LeaveStatus;
  /** The user who filed it (may be HR filing for the employee). */
  requestedBy?: string;
}

export interface NewLeaveRequest extends LeavePeriod {
  /** Set when re-validating an existing request, so that it is not compared with itself. */
  id?: string;
  employeeId: string;
  type: LeaveType;
}

export interface ValidateLeaveRequestInput extends WorkingCalendar {
  request: NewLeaveRequest;
  /** The employee's other requests, any status (other statuses and employees are ignored). */
  otherRequests: readonly LeaveRequestRecord[];
  /** The employee's entitlement terms; `year` is taken from the request. */
  entitlement: Omit<EntitlementInput, 'year'>;
  /** Today, to tell taken from planned days in the balance. */
  asOf: string;
  /** Known leave types, default ANNUAL, SICK, UNPAID. */
  leaveTypes?: readonly LeaveType[];
}

export interface LeaveRequestCheck {
  /** Working days the request costs, half days included. */
  days: number;
  /** Its days per calendar year (a request over New Year draws on two years' entitlements). */
  daysByYear: { year: number; days: number }[];
  /** For ANNUAL requests, the balance of each year before this request. */
  balances: LeaveBalance[];
}

const ACTIVE: readonly LeaveStatus[] = ['PENDING', 'APPROVED'];

/**
 * Checks a new (or edited) leave request; throws DomainError:
 * - BAD_USER_INPUT: unknown type, malformed or reversed dates, both halves of a single day, outside the
 *   employment, or covering no working day (less than 0.5 day);
 * - CONFLICT: it overlaps another PENDING or APPROVED request of the employee (by half day), or an
 *   ANNUAL request asks more than the year's remaining balance, where pending requests already count.
 */
export function validateLeaveRequest(input: ValidateLeaveRequestInput): LeaveRequestCheck {
  const { request } = input;
  const types = input.leaveTypes ?? LEAVE_TYPES;
  if (!types.includes(request.type)) {
    throw badInput(`leave type ${request.type} is not one of ${types.join(', ')}`, 'type');
  }
  const span = leaveSpan(request);
  const employmentStart = toDay(input.entitlement.employmentStart, 'employmentStart');
  const employmentEnd = toEndDay(input.entitlement.employmentEnd, 'employmentEnd');
  if (span.start < employmentStart) {
    throw badInput(
      `leave cannot start before the employment starts on ${input.entitlement.employmentStart}`,
      'startDate',
    );
  }
  if (span.end > employmentEnd) {
    throw badInput(
      `leave cannot end after the employment ends on ${input.entitlement.employmentEnd}`,
      'endDate',
    );
  }
  const holidays = holidaySet(input);
  const days = spanDays(span, holidays);
  if (days < 0.5) {
    throw badInput(`${request.startDate} to ${request.endDate} covers no working day`, 'endDate');
  }

  const others = input.otherRequests.filter(
    (r) =>
      r.employeeId === request.employeeId &&
      ACTIVE.includes(r.status) &&
      (request.id === undefined || r.id !== request.id),
  );
  for (const other of others) {
    if (spansOverlap(span, leaveSpan(other))) {
      throw conflict(
        `this leave overlaps the ${other.status.toLowerCase()} ${other.type} leave from ${other.startDate} to ${other.endDate}`,
        'startDate',
      );
    }
  }

  const daysByYear: { year: number; days: number }[] = [];
  const firstYear = dayToCivil(span.start).year;
  const lastYear = dayToCivil(span.end).year;
  for (let year = firstYear; year <= lastYear; year++) {
    const yearDays = spanDays(span, holidays, civilToDay(year, 1, 1), civilToDay(year, 12, 31));
    if (yearDays > 0) daysByYear.push({ year, days: yearDays });
  }

  const balances: LeaveBalance[] = [];
  if (BALANCE_LEAVE_TYPES.includes(request.type)) {
    for (const { year, days: yearDays } of daysByYear) {
      const balance = leaveBalance({
        ...input.entitlement,
        year,
        nonWorkingDates: input.nonWorkingDates,
        asOf: input.asOf,
        approvedRequests: others.filter((r) => r.status === 'APPROVED'),
        pendingRequests: others.filter((r) => r.status === 'PENDING'),
      });
      if (yearDays > balance.remaining) {
        throw conflict(
          `${request.type} leave of ${yearDays} days in ${year} exceeds the remaining balance of ${balance.remaining} ` +
            `(entitled ${balance.entitled}, taken ${balance.taken}, planned ${balance.planned}, pending ${balance.pending})`,
          'endDate',
        );
      }
      balances.push(balance);
    }
  }
  return { days, daysByYear, balances };
}

/** Who decides: the user, and the employee record they are, if any. */
export interface LeaveDecider {
  userId: string;
  employeeId?: string | null;
}

/**
 * The status a decision gives a request. Nobody decides their own request (FORBIDDEN, whether they are
 * the employee on leave or the user who filed it: four eyes); only a PENDING request can be decided
 * (CONFLICT). Whether the decider may approve at all (manager, hr role) is the caller's authorization.
 */
export function decideLeaveRequest(input: {
  request: Pick<LeaveRequestRecord, 'employeeId' | 'status' | 'requestedBy'>;
  decider: LeaveDecider;
  approve: boolean;
}): 'APPROVED' | 'REJECTED' {
  const { request, decider } = input;
  if (
    (decider.employeeId != null && decider.employeeId === request.employeeId) ||
    decider.userId === request.requestedBy
  ) {
    throw forbidden('you cannot decide your own leave request; another approver must');
  }
  if (request.status !== 'PENDING') {
    throw conflict(
      `this leave request is already ${request.status.toLowerCase()}; only a pending request can be decided`,
    );
  }
  return input.approve ? 'APPROVED' : 'REJECTED';
}

/**
 * The status a cancellation gives a request: a PENDING request can always be withdrawn, an APPROVED one
 * only before it starts (leave already begun is history, corrected by HR rather than cancelled).
 */
export function cancelLeaveRequest(input: {
  request: Pick<LeaveRequestRecord, 'status' | 'startDate'>;
  asOf: string;
}): 'CANCELLED' {
  const { request } = input;
  if (request.status === 'PENDING') return 'CANCELLED';
  if (request.status === 'APPROVED') {
    const asOf = toDay(input.asOf, 'asOf');
    if (toDay(request.startDate, 'startDate') > asOf) return 'CANCELLED';
    throw conflict(
      `this approved leave started on ${request.startDate} (today is ${fromDay(asOf)}); only future leave can be cancelled`,
    );
  }
  throw conflict(`this leave request is already ${request.status.toLowerCase()} and cannot be cancelled`);
}
