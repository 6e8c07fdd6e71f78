import { Decimal } from 'decimal.js';
import { badInput } from '@backoffice/kit/errors';

/**
 * Money and rates for the hr rules. A private Decimal clone, so that no other module's global Decimal
 * settings change our arithmetic: 40 significant digits keep a pro rata such as 3000 x 0.8 x 15 / 31
 * exact far beyond the cent before it is rounded once, at the payslip line.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Amount = Decimal;

export const ZERO: Amount = new Money(0);

// The same shape as the graph's Decimal scalar: a plain decimal string, never a float or exponent.
const DECIMAL_RE = /^-?\d{1,18}(\.\d{1,10})?$/;

/** Parses a decimal string; a number is refused because a float may already have lost the cents. */
export function parseAmount(
  value: unknown,
  field: string,
  options: { allowNegative?: boolean } = {},
): Amount {
  if (typeof value !== 'string' || !DECIMAL_RE.test(value.trim())) {
    throw badInput(
      `${field} must be a decimal string such as "1234.50", got ${JSON.stringify(value)}`,
      field,
    );
  }
  const amount = new Money(value.trim());
  if (!options.allowNegative && amount.isNegative()) {
    throw badInput(`${field} must not be negative, got ${value}`, field);
  }
  return amount;
}

// Rates repeat across a run (FTE 1, 0.8, 0.5...); Decimals are immutable, so parsed ones can be shared.
const rateCache = new Map<string, Amount>();

/** A rate or fraction (FTE, pension rate, tax rate). Numbers are accepted here because the graph's `fte` is a Float. */
export function parseRate(value: unknown, field: string): Amount {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') throw notARate(value, field);
  const cached = rateCache.get(text);
  if (cached) return cached;
  if (!/^\d{1,6}(\.\d{1,10})?$/.test(text.trim())) throw notARate(value, field);
  const rate = new Money(text.trim());
  if (rateCache.size < 1000) rateCache.set(text, rate);
  return rate;
}

const notARate = (value: unknown, field: string) =>
  badInput(`${field} must be a non-negative decimal such as "0.8", got ${JSON.stringify(value)}`, field);

/** Rounds to cents, half up: done once per payslip line, never on totals (totals add rounded lines). */
export const toCents = (amount: Amount): Amount => amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/**
 * Two decimals, as money travels. Amounts already at cents (every payslip amount) are padded by hand:
 * `toFixed(2)` copies and re-rounds the number, which was a quarter of a 10,000-payslip run.
 */
export function formatMoney(amount: Amount): string {
  if (amount.decimalPlaces() > 2) return amount.toFixed(2);
  const text = amount.toFixed();
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.00`;
  return text.length - dot === 2 ? `${text}0` : text;
}

/** A rate as a percentage for descriptions: 0.25 -> "25%", 0.125 -> "12.5%". */
export const formatPercent = (rate: Amount): string => `${rate.times(100).toString()}%`;

export const CURRENCY_RE = /^[A-Z]{3}$/;

export function parseCurrency(value: unknown, field: string): string {
  if (typeof value !== 'string' || !CURRENCY_RE.test(value)) {
    throw badInput(`${field} must be an ISO 4217 code such as "EUR", got ${JSON.stringify(value)}`, field);
  }
  return value;
}
