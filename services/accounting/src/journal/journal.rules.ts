import { Decimal } from 'decimal.js';
import { DomainError, badInput } from '@backoffice/kit';

/** A line as a person types it: one of debit or credit, in the base currency. */
export interface JournalLineInput {
  accountCode: string;
  debit?: string | null;
  credit?: string | null;
  costCenter?: string | null;
  description?: string | null;
}

export interface JournalLineDraft {
  accountCode: string;
  debit: string;
  credit: string;
  costCenter: string | null;
  description: string | null;
}

const CENTS = /^\d+(\.\d{1,2})?$/;
const COST_CENTER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;
export const MAX_LINES = 500;

function amount(raw: string | null | undefined, field: string): Decimal {
  if (raw === null || raw === undefined || raw === '') return new Decimal(0);
  const d = new Decimal(raw);
  if (d.isNegative()) throw badInput(`${field} must not be negative; use the other side instead`, field);
  if (!CENTS.test(d.toFixed())) throw badInput(`${field} has more than two decimals (cents)`, field);
  if (d.greaterThanOrEqualTo('1e15')) throw badInput(`${field} is too large`, field);
  return d;
}

/**
 * Checks an entry's lines as double entry wants them: every line one side only, positive, in cents, and
 * debits equal to credits. Returns normalised lines and the total; the database checks the balance again.
 */
export function checkLines(lines: readonly JournalLineInput[]): { lines: JournalLineDraft[]; total: string } {
  if (lines.length < 2) throw badInput('an entry needs at least two lines', 'lines');
  if (lines.length > MAX_LINES) throw badInput(`an entry has at most ${MAX_LINES} lines`, 'lines');
  let debits = new Decimal(0);
  let credits = new Decimal(0);
  const drafts = lines.map((line, i) => {
    const at = `lines[${i}]`;
    const accountCode = line.accountCode?.trim().toUpperCase() ?? '';
    if (!accountCode) throw badInput('accountCode is required', `${at}.accountCode`);
    const debit = amount(line.debit, `${at}.debit`);
    const credit = amount(line.credit, `${at}.credit`);
    if (!debit.isZero() && !credit.isZero())
      throw badInput('a line has a debit or a credit, not both', `${at}.debit`);
    if (debit.isZero() && credit.isZero())
      throw badInput('a line needs a debit or a credit greater than zero', `${at}.debit`);
    const costCenter = line.costCenter?.trim() || null;
    if (costCenter && !COST_CENTER.test(costCenter))
      throw badInput('costCenter must be 1-20 letters, digits, dots or dashes', `${at}.costCenter`);
    const description = line.description?.trim() || null;
    if (description && description.length > 500)
      throw badInput('description must be at most 500 characters', `${at}.description`);
    debits = debits.plus(debit);
    credits = credits.plus(credit);
    return { accountCode, debit: debit.toFixed(2), credit: credit.toFixed(2), costCenter, description };
  });
  if (!debits.equals(credits)) {
    throw badInput(
      `debits (${debits.toFixed(2)}) must equal credits (${credits.toFixed(2)}); the difference is ${debits.minus(credits).abs().toFixed(2)}`,
      'lines',
    );
  }
  return { lines: drafts, total: debits.toFixed(2) };
}

/** Four-eyes: strictly above the threshold needs someone else's approval. */
export function needsApproval(total: string, threshold: string): boolean {
  return new Decimal(total).greaterThan(threshold);
}

/** The gapless number of the n-th posted entry of a fiscal year: `2026-000001`. */
export function entryNumber(year: number, n: number): string {
  return `${year}-${String(n).padStart(6, '0')}`;
}

/** A reversal swaps every line's sides and keeps accounts, cost centers and descriptions. */
export function reversedLines(lines: readonly JournalLineDraft[]): JournalLineDraft[] {
  return lines.map((l) => ({ ...l, debit: l.credit, credit: l.debit }));
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The fiscal period (calendar month) of a date: `2026-03-15` -> `2026-03`. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

export function checkPeriod(period: string, field = 'period'): string {
  if (!PERIOD.test(period)) throw badInput('period must be YYYY-MM, e.g. 2026-03', field);
  return period;
}

export function checkText(value: string | null | undefined, field: string, max: number, required = true) {
  const text = value?.trim() ?? '';
  if (required && text.length === 0) throw badInput(`${field} is required`, field);
  if (text.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  return text || null;
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
