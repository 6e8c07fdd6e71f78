import { badInput } from '@backoffice/kit/errors';
import { Decimal } from 'decimal.js';

/**
 * The catalogue's rules for product master data, pure: they throw BAD_USER_INPUT naming the field,
 * and are tested without a database.
 */

/** accounting's VAT codes (services/accounting/src/vat/vat-codes.ts) and their rates in percent. */
export const VAT_RATES = {
  HIGH: '21',
  LOW: '9',
  ZERO: '0',
  REVERSE_CHARGED: '0',
  EU_REVERSE_CHARGED: '0',
  NON_EU: '0',
} as const;
export type VatCode = keyof typeof VAT_RATES;

const SKU = /^[A-Z0-9][A-Z0-9._/-]{0,39}$/;

/** Upper case, trimmed; letters, digits and `._/-`, at most 40. */
export function normalizeSku(raw: string, field = 'sku'): string {
  const sku = raw.trim().toUpperCase();
  if (!SKU.test(sku))
    throw badInput('sku must be 1-40 letters, digits or . _ / -, starting with a letter or digit', field);
  return sku;
}

/** A trimmed text of 1..max characters (or null when optional and empty). */
export function text(raw: string, field: string, max: number): string;
export function text(
  raw: string | null | undefined,
  field: string,
  max: number,
  optional: true,
): string | null;
export function text(
  raw: string | null | undefined,
  field: string,
  max: number,
  optional = false,
): string | null {
  const value = raw?.trim() ?? '';
  if (value.length === 0) {
    if (optional) return null;
    throw badInput(`${field} must not be empty`, field);
  }
  if (value.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  return value;
}

/**
 * The code and rate of a product: a code fixes the rate (another rate given with it is refused); a
 * rate alone must be one of accounting's (21 HIGH, 9 LOW, 0 ZERO).
 */
export function resolveVat(code: VatCode | null | undefined, rate: string | null | undefined) {
  if (code) {
    const codeRate = VAT_RATES[code];
    if (!codeRate) throw badInput(`vatCode must be one of ${Object.keys(VAT_RATES).join(', ')}`, 'vatCode');
    if (rate != null && !new Decimal(rate).equals(codeRate))
      throw badInput(`vatCode ${code} has rate ${codeRate} %, not ${rate}`, 'vatRate');
    return { vatCode: code, vatRate: codeRate };
  }
  if (rate == null) throw badInput('give vatRate or vatCode', 'vatRate');
  const d = new Decimal(rate);
  const inferred: VatCode | null = d.equals(21) ? 'HIGH' : d.equals(9) ? 'LOW' : d.isZero() ? 'ZERO' : null;
  if (!inferred) throw badInput(`vatRate ${rate} is not one of accounting's rates (21, 9, 0)`, 'vatRate');
  return { vatCode: inferred, vatRate: VAT_RATES[inferred] };
}

/** A quantity: positive (or zero when allowed), at most three decimals, below a billion. */
export function quantity(raw: string, field: string, { zero = false, negative = false } = {}): string {
  const d = new Decimal(raw);
  if (d.decimalPlaces() > 3) throw badInput(`${field} has at most 3 decimals`, field);
  if (d.abs().greaterThanOrEqualTo(1e12)) throw badInput(`${field} is too large`, field);
  if (d.isZero() && !zero) throw badInput(`${field} must not be zero`, field);
  if (d.isNegative() && !negative) throw badInput(`${field} must be positive`, field);
  return d.toFixed();
}

/** A unit amount: not negative, at most four decimals. */
export function amount(raw: string, field: string): string {
  const d = new Decimal(raw);
  if (d.isNegative()) throw badInput(`${field} must not be negative`, field);
  if (d.decimalPlaces() > 4) throw badInput(`${field} has at most 4 decimals`, field);
  if (d.greaterThanOrEqualTo(1e14)) throw badInput(`${field} is too large`, field);
  return d.toFixed();
}

/** A stored numeric as clients read it: no trailing zeros beyond `minDecimals`. */
export function decimalText(value: string | Decimal, minDecimals = 0): string {
  const d = new Decimal(value);
  return d.toFixed(Math.max(minDecimals, d.decimalPlaces()));
}
