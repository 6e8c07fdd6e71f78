import { Decimal } from 'decimal.js';
import {
  civilToDay,
  type DayNumber,
  daysInYear,
  overlapDays,
  toDay,
  toEndDay,
} from '../contracts/calendar.js';
import { parseRate } from '../payroll/money.js';
import { badInput } from '@backoffice/kit/errors';
import { holidaySet, type LeavePeriod, leaveSpan, spanDays, type WorkingCalendar } from './working-days.js';

/** Leave types; more may be added by a country pack, so any string is accepted where types are listed. */
export type LeaveType = 'ANNUAL' | 'SICK' | 'UNPAID' | (string & {});
export const LEAVE_TYPES: readonly LeaveType[] = ['ANNUAL', 'SICK', 'UNPAID'];
/** Types that draw on the yearly entitlement; sick and unpaid leave do not. */
export const BALANCE_LEAVE_TYPES: readonly LeaveType[] = ['ANNUAL'];

export const DEFAULT_ANNUAL_ENTITLEMENT_DAYS = 25;

/** What a yearly entitlement depends on. */
export interface EntitlementInput {
  /** Days a year at FTE 1.0 for a full year, default 25. */
  entitlementDays?: number | string;
  /** Share of full time in (0, 1]. */
  fte: number | string;
  employmentStart: string;
  /** Last day employed, inclusive; null while employed. */
  employmentEnd: string | null;
  year: number;
}

/**
 * The annual entitlement for `year`: entitlementDays x FTE x (days employed in the year / days in the
 * year), rounded to the nearest half day (halves up). Pro rata by days rather than by months because it
 * treats a hire on the 2nd and on the 30th differently, as they are, and needs no "does a month count"
 * rule; rounding to half days matches how leave is taken. E.g. 25 days, FTE 0.8, employed from 1 July:
 * 25 x 0.8 x 184/365 = 10.08 -> 10.
 */
export function annualEntitlement(input: EntitlementInput): number {
  const { year } = input;
  if (!Number.isInteger(year) || year < 1900 || year > 9999)
    throw badInput(`year ${year} is not a year`, 'year');
  const days = parseRate(input.entitlementDays ?? DEFAULT_ANNUAL_ENTITLEMENT_DAYS, 'entitlementDays');
  const fte = parseRate(input.fte, 'fte');
  if (fte.isZero() || fte.greaterThan(1)) throw badInput(`fte must be more than 0 and at most 1`, 'fte');
  const start = toDay(input.employmentStart, 'employmentStart');
  const end = toEndDay(input.employmentEnd, 'employmentEnd');
  const firstDay = civilToDay(year, 1, 1);
  const employed = overlapDays(start, end, firstDay, firstDay + daysInYear(year) - 1);
  const exact = days.times(fte).times(employed).dividedBy(daysInYear(year));
  return exact.times(2).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).dividedBy(2).toNumber();
}

/** A request as the balance sees it; a request without a type counts as ANNUAL. */
export interface BalanceRequest extends LeavePeriod {
  type?: LeaveType;
}

export interface LeaveBalanceInput extends EntitlementInput, WorkingCalendar {
  approvedRequests: readonly BalanceRequest[];
  pendingRequests: readonly BalanceRequest[];
  /** Today: approved days up to and including it are taken, later ones are planned. */
  asOf: string;
}

/**
 * A year's annual leave in days. remaining = entitled - taken - planned - pending, never below zero;
 * when the entitlement has shrunk below what was already granted (e.g. a termination mid-year), the
 * excess shows as `overdrawn` instead of a negative balance.
 */
export interface LeaveBalance {
  year: number;
  entitled: number;
  /** Approved days on or before asOf. */
  taken: number;
  /** Approved days after asOf. */
  planned: number;
  /** Days of requests waiting for a decision; they are reserved so that two requests cannot spend the same days. */
  pending: number;
  remaining: number;
  overdrawn: number;
}

const drawsOnBalance = (request: BalanceRequest): boolean =>
  request.type === undefined || BALANCE_LEAVE_TYPES.includes(request.type);

function sumDays(
  requests: readonly BalanceRequest[],
  holidays: Set<DayNumber> | null,
  from: DayNumber,
  to: DayNumber,
): number {
  let days = 0;
  for (const request of requests)
    if (drawsOnBalance(request)) days += spanDays(leaveSpan(request), holidays, from, to);
  return days;
}

/** The annual leave balance of `year`; requests reaching into other years count only their days in this year. */
export function leaveBalance(input: LeaveBalanceInput): LeaveBalance {
  const entitled = annualEntitlement(input);
  const holidays = holidaySet(input);
  const firstDay = civilToDay(input.year, 1, 1);
  const lastDay = firstDay + daysInYear(input.year) - 1;
  const asOf = toDay(input.asOf, 'asOf');
  const taken = sumDays(input.approvedRequests, holidays, firstDay, Math.min(asOf, lastDay));
  const planned = sumDays(input.approvedRequests, holidays, Math.max(asOf + 1, firstDay), lastDay);
  const pending = sumDays(input.pendingRequests, holidays, firstDay, lastDay);
  const left = entitled - taken - planned - pending;
  return {
    year: input.year,
    entitled,
    taken,
    planned,
    pending,
    remaining: Math.max(0, left),
    overdrawn: Math.max(0, -left),
  };
}
