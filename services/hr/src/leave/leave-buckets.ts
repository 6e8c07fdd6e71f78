import { civilToDay, daysInYear, overlapDays, toDay, toEndDay } from '../contracts/calendar.js';
import { type Amount, Money, ZERO } from '../payroll/money.js';

/**
 * Leave in hours by where it comes from, as Dutch law counts it: statutory leave is four times the
 * contractual weekly hours a year (pro rata for the part of the year under each contract) and lapses six
 * months after the year it was accrued in; extra leave on top (the company's days beyond the statutory
 * ones) lapses five years after its year. Taking leave uses the hours that lapse first. The weeks and
 * terms come from the country's rule pack.
 */
export type LeaveBucketKind = 'STATUTORY' | 'EXTRA';

export interface LeaveBucket {
  kind: LeaveBucketKind;
  /** The year the hours were accrued in. */
  year: number;
  entitledHours: string;
  /** Approved leave (taken or planned) paid from this bucket. */
  usedHours: string;
  /** Pending requests reserved on this bucket. */
  pendingHours: string;
  /** Hours that lapsed unused (only once asOf has reached expiresOn). */
  expiredHours: string;
  remainingHours: string;
  /** The first day the hours are no longer usable. */
  expiresOn: string;
}

export interface LeaveBucketRules {
  /** Statutory weeks of leave a year (NL: 4). */
  statutoryWeeks: Amount;
  statutoryExpiryMonths: number;
  extraExpiryYears: number;
  /** The company's leave days a year at five days a week (statutory included), e.g. 25. */
  annualLeaveDays: number;
}

export interface LeaveBucketsInput {
  rules: LeaveBucketRules;
  contracts: readonly { weeklyHours: string | number; startDate: string; endDate: string | null }[];
  employmentStart: string;
  employmentEnd: string | null;
  /** ANNUAL requests, approved or pending, with the working days they cost. */
  requests: readonly { startDate: string; days: string | number; status: string }[];
  /** The year to show: buckets usable in it. */
  year: number;
  asOf: string;
}

interface Bucket {
  kind: LeaveBucketKind;
  year: number;
  entitled: Amount;
  used: Amount;
  pending: Amount;
  expiresOn: string;
  expiresDay: number;
}

const hours = (a: Amount): string => a.toDecimalPlaces(2).toFixed(2);

/** Statutory and extra hours accrued in `year` under the contracts, pro rata by days. */
export function accruedHours(
  input: Pick<LeaveBucketsInput, 'rules' | 'contracts' | 'employmentStart' | 'employmentEnd'>,
  year: number,
): { statutory: Amount; extra: Amount } {
  const first = civilToDay(year, 1, 1);
  const last = first + daysInYear(year) - 1;
  const employedFrom = Math.max(first, toDay(input.employmentStart));
  const employedTo = Math.min(last, toEndDay(input.employmentEnd));
  let statutory = ZERO;
  let extra = ZERO;
  for (const c of input.contracts) {
    const days = overlapDays(toDay(c.startDate), toEndDay(c.endDate), employedFrom, employedTo);
    if (days === 0) continue;
    const weekly = new Money(String(c.weeklyHours));
    const share = new Money(days).dividedBy(daysInYear(year));
    const stat = input.rules.statutoryWeeks.times(weekly).times(share);
    const total = new Money(input.rules.annualLeaveDays).times(weekly).dividedBy(5).times(share);
    statutory = statutory.plus(stat);
    if (total.greaterThan(stat)) extra = extra.plus(total.minus(stat));
  }
  return { statutory: statutory.toDecimalPlaces(2), extra: extra.toDecimalPlaces(2) };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function expiry(kind: LeaveBucketKind, year: number, rules: LeaveBucketRules): string {
  if (kind === 'EXTRA') return `${year + 1 + rules.extraExpiryYears}-01-01`;
  const months = rules.statutoryExpiryMonths;
  return `${year + 1 + Math.floor(months / 12)}-${pad2((months % 12) + 1)}-01`;
}

function hoursPerDay(contracts: LeaveBucketsInput['contracts'], date: string): Amount {
  const day = toDay(date);
  const c =
    contracts.find((v) => toDay(v.startDate) <= day && day <= toEndDay(v.endDate)) ?? contracts.at(-1);
  return new Money(String(c?.weeklyHours ?? 40)).dividedBy(5);
}

/**
 * The buckets usable in `year`, oldest first, with what approved and pending leave took from each: every
 * request in date order takes from the buckets already accrued and not yet lapsed on its first day, the
 * one lapsing first first (statutory before extra on the same day).
 */
export function leaveBuckets(input: LeaveBucketsInput): LeaveBucket[] {
  const { rules } = input;
  const startYear = Number(input.employmentStart.slice(0, 4));
  const requests = [...input.requests].sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  const lastYear = Math.max(input.year, ...requests.map((r) => Number(r.startDate.slice(0, 4))));
  const buckets: Bucket[] = [];
  for (let y = Math.max(startYear, input.year - rules.extraExpiryYears - 1); y <= lastYear; y++) {
    const { statutory, extra } = accruedHours(input, y);
    for (const [kind, entitled] of [
      ['STATUTORY', statutory],
      ['EXTRA', extra],
    ] as const) {
      if (entitled.isZero()) continue;
      const expiresOn = expiry(kind, y, rules);
      buckets.push({
        kind,
        year: y,
        entitled,
        used: ZERO,
        pending: ZERO,
        expiresOn,
        expiresDay: toDay(expiresOn),
      });
    }
  }
  const byExpiry = [...buckets].sort(
    (a, b) => a.expiresDay - b.expiresDay || (a.kind === 'STATUTORY' ? -1 : 1),
  );
  for (const r of requests) {
    const day = toDay(r.startDate);
    const year = Number(r.startDate.slice(0, 4));
    let left = new Money(String(r.days)).times(hoursPerDay(input.contracts, r.startDate));
    for (const b of byExpiry) {
      if (left.isZero()) break;
      if (b.year > year || b.expiresDay <= day) continue;
      const free = b.entitled.minus(b.used).minus(b.pending);
      if (!free.greaterThan(0)) continue;
      const take = free.lessThan(left) ? free : left;
      if (r.status === 'PENDING') b.pending = b.pending.plus(take);
      else b.used = b.used.plus(take);
      left = left.minus(take);
    }
  }
  const asOf = toDay(input.asOf);
  const yearStart = civilToDay(input.year, 1, 1);
  return buckets
    .filter((b) => b.year <= input.year && b.expiresDay > yearStart)
    .map((b) => {
      const unused = b.entitled.minus(b.used).minus(b.pending);
      const expired = asOf >= b.expiresDay && unused.greaterThan(0) ? unused : ZERO;
      return {
        kind: b.kind,
        year: b.year,
        entitledHours: hours(b.entitled),
        usedHours: hours(b.used),
        pendingHours: hours(b.pending),
        expiredHours: hours(expired),
        remainingHours: hours(unused.minus(expired)),
        expiresOn: b.expiresOn,
      };
    });
}
