import { type Amount, Money, parseAmount, parseCurrency, parseRate } from '../payroll/money.js';
import { badInput, conflict } from '@backoffice/kit/errors';
import { type DayNumber, fromDay, OPEN_END, overlapDays, toDay, toEndDay } from './calendar.js';

/**
 * One dated version of an employment contract. A raise, a change of hours or of FTE is a new version;
 * versions never overlap, so on any day at most one is in force.
 */
export interface ContractVersion {
  monthlySalary: string;
  currency: string;
  /** Share of full time, in (0, 1]; a number is accepted because the graph's `fte` is a Float. */
  fte: string | number;
  /** Optional because hiring through the graph does not ask for it. */
  weeklyHours?: string | number | null;
  startDate: string;
  /** Last day in force, inclusive; null while open-ended. */
  endDate: string | null;
}

/** New terms from `startDate` on; terms left out stay as they are in the version in force that day. */
export interface ContractChange {
  startDate: string;
  monthlySalary?: string;
  currency?: string;
  fte?: string | number;
  weeklyHours?: string | number | null;
}

const MAX_WEEKLY_HOURS = 168;

/** Parses and checks the terms present; returns the parsed salary and FTE for callers that compute with them. */
function validateTerms(
  version: ContractVersion | ContractChange,
  at: string,
): { monthlySalary: Amount | null; fte: Amount | null } {
  let monthlySalary: Amount | null = null;
  let fte: Amount | null = null;
  if (version.monthlySalary !== undefined) {
    monthlySalary = parseAmount(version.monthlySalary, `${at}monthlySalary`);
    if (monthlySalary.isZero()) throw badInput('monthlySalary must be positive', `${at}monthlySalary`);
  }
  if (version.currency !== undefined) parseCurrency(version.currency, `${at}currency`);
  if (version.fte !== undefined) {
    fte = parseRate(version.fte, `${at}fte`);
    if (fte.isZero() || fte.greaterThan(1)) {
      throw badInput(`fte must be more than 0 and at most 1, got ${String(version.fte)}`, `${at}fte`);
    }
  }
  if (version.weeklyHours != null) {
    // Hours are a quantity, not money: a plain number comparison is exact enough to check the range.
    const hours = Number(version.weeklyHours);
    if (
      !(hours > 0 && hours <= MAX_WEEKLY_HOURS) ||
      (typeof version.weeklyHours === 'string' && !/^\d+(\.\d+)?$/.test(version.weeklyHours))
    ) {
      throw badInput(`weeklyHours must be more than 0 and at most ${MAX_WEEKLY_HOURS}`, `${at}weeklyHours`);
    }
  }
  return { monthlySalary, fte };
}

function validateVersion(version: ContractVersion, index: number, start: DayNumber, end: DayNumber) {
  const terms = validateTerms(version, `contracts[${index}].`);
  if (terms.monthlySalary === null || terms.fte === null || version.currency === undefined) {
    throw badInput('a contract version needs monthlySalary, currency and fte', `contracts[${index}]`);
  }
  if (end < start) {
    throw badInput(
      `contract ending ${version.endDate} would end before it starts on ${version.startDate}`,
      `contracts[${index}].endDate`,
    );
  }
  return { monthlySalary: terms.monthlySalary, fte: terms.fte };
}

function checkNoOverlap<T extends ContractVersion>(previous: DatedVersion<T>, next: DatedVersion<T>): void {
  if (previous.end >= next.start) {
    const until = previous.end === OPEN_END ? 'open-ended' : `until ${previous.version.endDate}`;
    throw conflict(
      `contract versions overlap: the one from ${previous.version.startDate} (${until}) is still in force ` +
        `when the one from ${next.version.startDate} starts`,
      `contracts[${next.index}].startDate`,
    );
  }
}

interface DatedVersion<T> {
  version: T;
  index: number;
  start: DayNumber;
  end: DayNumber;
}

function dated<T extends ContractVersion>(versions: readonly T[]): DatedVersion<T>[] {
  return versions
    .map((version, index) => ({
      version,
      index,
      start: toDay(version.startDate, `contracts[${index}].startDate`),
      end: toEndDay(version.endDate, `contracts[${index}].endDate`),
    }))
    .sort((a, b) => a.start - b.start);
}

/**
 * Checks a contract history and returns it sorted by start date: every version has a positive salary,
 * an FTE in (0, 1], an ISO currency, an end on or after its start, and no two versions are in force on
 * the same day. Gaps are allowed (a rehire). Throws DomainError: BAD_USER_INPUT for a bad value,
 * CONFLICT for overlapping versions.
 */
export function validateContractVersions<T extends ContractVersion>(versions: readonly T[]): T[] {
  const sorted = dated(versions);
  for (const { version, index, start, end } of sorted) validateVersion(version, index, start, end);
  for (let i = 1; i < sorted.length; i++) checkNoOverlap(sorted[i - 1], sorted[i]);
  return sorted.map((d) => d.version);
}

/** A contract version's share of a date range, with its terms parsed for computing pay. */
export interface ContractShare<T extends ContractVersion = ContractVersion> {
  version: T;
  /** Days of the range under this version. */
  days: number;
  monthlySalary: Amount;
  fte: Amount;
}

/**
 * The versions in force within [from, to] (day numbers, inclusive), in date order, with their days there.
 * Made for a payroll run over thousands of employees: the whole history's dates are checked for
 * overlaps, but only the versions that pay in the range have their terms parsed (and checked).
 */
export function contractSharesWithin<T extends ContractVersion>(
  versions: readonly T[],
  from: DayNumber,
  to: DayNumber,
): ContractShare<T>[] {
  const sorted = dated(versions);
  const shares: ContractShare<T>[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const current = sorted[i];
    if (i > 0) checkNoOverlap(sorted[i - 1], current);
    // A version ending before it starts is refused even when it pays nothing in the range.
    if (current.end < current.start)
      validateVersion(current.version, current.index, current.start, current.end);
    const days = overlapDays(current.start, current.end, from, to);
    if (days === 0) continue;
    const terms = validateVersion(current.version, current.index, current.start, current.end);
    shares.push({ version: current.version, days, ...terms });
  }
  return shares;
}

/** The version in force on `date`, or null (before hire, after termination, or in a gap). */
export function contractOn<T extends ContractVersion>(versions: readonly T[], date: string): T | null {
  const day = toDay(date);
  for (let i = 0; i < versions.length; i++) {
    const version = versions[i];
    if (toDay(version.startDate) <= day && day <= toEndDay(version.endDate)) return version;
  }
  return null;
}

// Compared as numbers, so that a stored "1.000" FTE or "3000.00" salary equals a given "1" or "3000".
const sameNumber = (a: string | number | null | undefined, b: string | number | null | undefined): boolean =>
  a == null || b == null ? a == null && b == null : new Money(String(a)).equals(String(b));

const sameTerms = (version: ContractVersion, next: ContractVersion): boolean =>
  version.currency === next.currency &&
  sameNumber(version.monthlySalary, next.monthlySalary) &&
  sameNumber(version.fte, next.fte) &&
  sameNumber(version.weeklyHours, next.weeklyHours);

/**
 * A raise or other change of terms from `change.startDate`: the version in force that day is closed the
 * day before and a new version starts, keeping the old version's end (a scheduled termination or the
 * start of an already planned version). A change starting the very day the version in force starts
 * corrects that version instead (it keeps its identity, e.g. its id). Returns a new sorted list; the
 * input is not modified, versions keep their own extra properties (such as `id`), the new version has
 * only the ContractVersion fields.
 */
export function applyContractChange<T extends ContractVersion>(
  versions: readonly T[],
  change: ContractChange,
): Array<T | ContractVersion> {
  const sorted = validateContractVersions(versions);
  const day = toDay(change.startDate, 'startDate');
  validateTerms(change, '');
  const inForce = sorted.find((v) => toDay(v.startDate) <= day && day <= toEndDay(v.endDate));
  if (!inForce) {
    if (sorted.length === 0 || day < toDay(sorted[0].startDate)) {
      throw badInput(
        `no contract is in force on ${change.startDate}: it is before the employment starts`,
        'startDate',
      );
    }
    throw conflict(
      `no contract is in force on ${change.startDate} to change (employment ended or paused)`,
      'startDate',
    );
  }
  const next: ContractVersion = {
    monthlySalary: change.monthlySalary ?? inForce.monthlySalary,
    currency: change.currency ?? inForce.currency,
    fte: change.fte ?? inForce.fte,
    weeklyHours: change.weeklyHours !== undefined ? change.weeklyHours : (inForce.weeklyHours ?? null),
    startDate: change.startDate,
    endDate: inForce.endDate,
  };
  if (sameTerms(inForce, next)) {
    throw badInput(
      `the change from ${change.startDate} has the same terms as the contract in force`,
      'startDate',
    );
  }
  const result = sorted.flatMap((v): Array<T | ContractVersion> => {
    if (v !== inForce) return [v];
    if (toDay(v.startDate) === day) return [{ ...v, ...next }];
    return [{ ...v, endDate: fromDay(day - 1) }, next];
  });
  return validateContractVersions(result);
}

/**
 * Ends the employment's contracts on `endDate` (a termination, last day inclusive): the version in force
 * then ends that day and versions planned to start later are dropped, since they will never apply.
 */
export function endContract<T extends ContractVersion>(versions: readonly T[], endDate: string): T[] {
  const sorted = validateContractVersions(versions);
  const day = toDay(endDate, 'endDate');
  if (sorted.length > 0 && day < toDay(sorted[0].startDate)) {
    throw badInput(`endDate ${endDate} is before the contract starts on ${sorted[0].startDate}`, 'endDate');
  }
  return sorted
    .filter((v) => toDay(v.startDate) <= day)
    .map((v) => (toEndDay(v.endDate) > day ? { ...v, endDate } : v));
}
