/**
 * Dates and amounts in the active locale (nl-NL: `3 december 2026`, `03-12-2026`, `€ 1.234,56`).
 * Amounts arrive as Decimal strings and are formatted from the string: ECMA-402 (NumberFormat v3)
 * reads a numeric string as an exact decimal, and the fraction digits are the string's own (at least
 * the currency's), so nothing is rounded and nothing passes through a float. Pure code: the tests load it.
 */
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

function fractionDigits(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

/** A Decimal string as an amount in `currency`; input that is not a decimal is shown as it came. */
export function formatMoney(value: string, currency: string, locale: string): string {
  const text = value.trim();
  if (!DECIMAL.test(text)) return `${currency} ${value}`;
  let minor: number;
  try {
    minor = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    // Not an ISO 4217 code Intl knows: the plain number with the code in front.
    return `${currency} ${formatDecimal(text, locale)}`;
  }
  const digits = Math.max(minor, fractionDigits(text));
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(text as Intl.StringNumericLiteral);
}

/** A Decimal string (hours, FTE, an amount without currency) with the locale's separators, every digit kept. */
export function formatDecimal(value: string, locale: string, minimumFractionDigits = 0): string {
  const text = value.trim();
  if (!DECIMAL.test(text)) return value;
  const digits = Math.max(minimumFractionDigits, fractionDigits(text));
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(text as Intl.StringNumericLiteral);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date: the day it names, in any time zone (formatted in UTC, where it was built). */
function calendarDate(iso: string): Date | null {
  const match = DATE.exec(iso);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

/** `2026-12-03` -> nl `3 december 2026`, en `3 December 2026`. */
export function formatDate(iso: string, locale: string): string {
  const date = calendarDate(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** `2026-12-03` -> nl `03-12-2026`, en `03/12/2026` (tables). */
export function formatShortDate(iso: string, locale: string): string {
  const date = calendarDate(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** An instant (ISO 8601) in the viewer's time zone unless one is given: nl `3 dec 2026, 14:05`. */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** A period `2026-12` -> nl `december 2026`, en `December 2026`. */
export function formatMonth(period: string, locale: string): string {
  const date = calendarDate(`${period}-01`);
  if (!date) return period;
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * What a user typed as an amount, as a Decimal string ('' stays '', null when it is not one).
 * Dutch users write `1.234,56` or `1234,56`, English ones `1,234.56`; a lone `.` with one or two
 * digits after it is a decimal point in both (`5400.00` is what people paste from other systems).
 */
export function parseAmountInput(text: string, locale: string): string | null {
  let value = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (value === '') return '';
  const dutch = locale.startsWith('nl');
  const group = dutch ? '.' : ',';
  const decimal = dutch ? ',' : '.';
  const grouped = new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d*)?$`);
  if (grouped.test(value)) value = value.split(group).join('');
  if (dutch) value = value.replace(',', '.');
  return DECIMAL.test(value) ? value : null;
}
