import { isIsoDate } from '../contracts/calendar.js';
import { parseAmount } from '../payroll/money.js';
import { badInput, conflict } from '@backoffice/kit/errors';
import type { WorkdayKind } from './workday.entity.js';

export const WORKDAY_KINDS: readonly WorkdayKind[] = ['HOME', 'OFFICE'];
/** A longer daily return trip than this is a typing error, not a commute. */
export const MAX_COMMUTE_KM = 2000;

export interface WorkdayRegistration {
  date: string;
  kind: WorkdayKind;
  commuteKm: string | null;
}

/**
 * Checks a registration against the employment and the day's earlier registration, if any. A day is
 * either HOME or OFFICE (only one of the two allowances is tax-free on a day), so registering the other
 * kind is a CONFLICT; the same kind again corrects the kilometres. Returns the normalised registration.
 */
export function checkWorkday(
  input: { date: string; kind: WorkdayKind; commuteKm?: string | null },
  employment: { startDate: string; endDate: string | null },
  existing: { kind: WorkdayKind } | null,
): WorkdayRegistration {
  if (!isIsoDate(input.date)) throw badInput(`date ${input.date} is not a date (YYYY-MM-DD)`, 'date');
  if (!WORKDAY_KINDS.includes(input.kind)) throw badInput('kind must be HOME or OFFICE', 'kind');
  if (input.date < employment.startDate || (employment.endDate && input.date > employment.endDate))
    throw badInput(`${input.date} is outside the employment`, 'date');
  let commuteKm: string | null = null;
  if (input.commuteKm != null) {
    if (input.kind === 'HOME') throw badInput('a HOME day has no commute; leave commuteKm out', 'commuteKm');
    const km = parseAmount(input.commuteKm, 'commuteKm');
    if (km.greaterThan(MAX_COMMUTE_KM) || km.decimalPlaces() > 2)
      throw badInput(`commuteKm must be at most ${MAX_COMMUTE_KM} with 2 decimals`, 'commuteKm');
    commuteKm = km.toFixed(2);
  }
  if (existing && existing.kind !== input.kind)
    throw conflict(
      `${input.date} is already registered as ${existing.kind}; a day is either HOME or OFFICE, so only one allowance is tax-free on it`,
      'kind',
    );
  return { date: input.date, kind: input.kind, commuteKm };
}
