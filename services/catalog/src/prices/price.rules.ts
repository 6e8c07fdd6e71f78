import { badInput } from '@backoffice/kit/errors';
import { Decimal } from 'decimal.js';
import { decimalText } from '../products/product.rules.js';

/** What the graph answers for a price: the stored period with the product's VAT applied. */
export interface PriceView {
  id: string;
  priceListId: string;
  amount: string;
  amountWithVat: string;
  vatRate: string;
  currency: string;
  minQuantity: string;
  validFrom: string;
  validTo: string | null;
  status: 'ACTIVE' | 'PENDING_APPROVAL' | 'REJECTED';
}

/**
 * The change of `amount` against `previous` in percent, and whether it needs a second person: more than
 * `threshold` percent either way (any change from zero does).
 */
export function priceChange(previous: string, amount: string, threshold: number) {
  const before = new Decimal(previous);
  if (before.isZero())
    return { percent: amount === '0' ? '0' : '100', needsApproval: !new Decimal(amount).isZero() };
  const percent = new Decimal(amount).minus(before).dividedBy(before).times(100).toDecimalPlaces(2);
  return { percent: percent.toFixed(), needsApproval: percent.abs().greaterThan(threshold) };
}

/** Net plus VAT, rounded half up to the amount's own precision (at least cents). */
export function withVat(amount: string, vatRate: string): string {
  const net = new Decimal(amount);
  const places = Math.max(2, net.decimalPlaces());
  return net
    .times(new Decimal(vatRate).dividedBy(100).plus(1))
    .toDecimalPlaces(places, Decimal.ROUND_HALF_UP)
    .toFixed(places);
}

export function priceView(
  row: {
    id: string;
    priceListId: string;
    amount: string;
    minQuantity: string;
    validFrom: string;
    validTo: string | null;
    status?: PriceView['status'];
  },
  vatRate: string,
  currency: string,
): PriceView {
  const amount = decimalText(row.amount, 2);
  return {
    id: row.id,
    priceListId: row.priceListId,
    amount,
    amountWithVat: withVat(amount, vatRate),
    vatRate: decimalText(vatRate),
    currency,
    minQuantity: decimalText(row.minQuantity),
    validFrom: row.validFrom,
    validTo: row.validTo,
    status: row.status ?? 'ACTIVE',
  };
}

export function currencyCode(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw badInput('currency must be an ISO 4217 code such as EUR', 'currency');
  return code;
}

export function checkPeriod(validFrom: string, validTo: string | null | undefined): void {
  if (validTo && validTo < validFrom) throw badInput('validTo must not be before validFrom', 'validTo');
}

/** The day before a `YYYY-MM-DD` date. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export const today = (now = new Date()): string => now.toISOString().slice(0, 10);
