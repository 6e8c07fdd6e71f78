import { Decimal } from 'decimal.js';
import { badInput, conflict } from '@backoffice/kit';

export type InvoiceKind = 'CUSTOMER' | 'SUPPLIER';
export type PaymentKind = 'RECEIVED' | 'MADE';

export interface InvoiceLineInput {
  description: string;
  quantity: string;
  unitPrice: string;
  /** Percent: 21 for 21 %. */
  vatRate: string;
  accountCode?: string | null;
  /** HIGH, LOW, ZERO or a reverse charge (see vat/vat-codes.ts). */
  vatCode?: string | null;
}

export interface InvoiceLineAmounts {
  net: string;
  vat: string;
}

const money = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/**
 * An invoice's amounts: each line's net is quantity x unit price and its VAT net x rate, both rounded
 * half-up to the cent per line, so the lines always add up to the totals printed on the invoice.
 */
export function invoiceAmounts(lines: readonly InvoiceLineInput[]) {
  if (lines.length === 0) throw badInput('an invoice needs at least one line', 'lines');
  let net = new Decimal(0);
  let vat = new Decimal(0);
  const amounts: InvoiceLineAmounts[] = lines.map((l, i) => {
    const at = `lines[${i}]`;
    if (!l.description?.trim()) throw badInput('description is required', `${at}.description`);
    const quantity = new Decimal(l.quantity);
    if (quantity.lessThanOrEqualTo(0)) throw badInput('quantity must be greater than zero', `${at}.quantity`);
    if (quantity.decimalPlaces() > 4)
      throw badInput('quantity has more than four decimals', `${at}.quantity`);
    const price = new Decimal(l.unitPrice);
    if (price.isNegative())
      throw badInput('unitPrice must not be negative; issue a credit note', `${at}.unitPrice`);
    if (price.decimalPlaces() > 4) throw badInput('unitPrice has more than four decimals', `${at}.unitPrice`);
    const rate = new Decimal(l.vatRate);
    if (rate.isNegative() || rate.greaterThan(100) || rate.decimalPlaces() > 2)
      throw badInput('vatRate is a percentage between 0 and 100, e.g. 21', `${at}.vatRate`);
    const lineNet = money(quantity.times(price));
    const lineVat = money(lineNet.times(rate).dividedBy(100));
    net = net.plus(lineNet);
    vat = vat.plus(lineVat);
    return { net: lineNet.toFixed(2), vat: lineVat.toFixed(2) };
  });
  const total = net.plus(vat);
  if (total.lessThanOrEqualTo(0)) throw badInput('an invoice must total more than zero', 'lines');
  return { lines: amounts, net: net.toFixed(2), vat: vat.toFixed(2), total: total.toFixed(2) };
}

/** An amount in a document's currency converted to the base currency at the document's rate. */
export function toBase(amount: string, rate: string): string {
  return money(new Decimal(amount).times(rate)).toFixed(2);
}

export interface OpenPayment {
  kind: PaymentKind;
  counterparty: string;
  currency: string;
  /** What the payment still holds: amount - applied. */
  unapplied: string;
}

export interface OpenInvoice {
  id: string;
  kind: InvoiceKind;
  counterparty: string;
  currency: string;
  /** total - settled */
  open: string;
}

export interface Allocation {
  invoiceId: string;
  amount: string;
}

/**
 * Checks a settlement: a received payment settles customer invoices and a payment made supplier invoices,
 * of the same counterparty and currency; each allocation positive and within the invoice's open amount;
 * together within what the payment still holds. What remains on the payment stays open as a credit.
 */
export function checkAllocations(
  payment: OpenPayment,
  allocations: readonly Allocation[],
  invoices: ReadonlyMap<string, OpenInvoice>,
): { applied: string; remaining: string } {
  if (allocations.length === 0) throw badInput('name at least one invoice to settle', 'allocations');
  const wanted: InvoiceKind = payment.kind === 'RECEIVED' ? 'CUSTOMER' : 'SUPPLIER';
  const perInvoice = new Map<string, Decimal>();
  let applied = new Decimal(0);
  allocations.forEach((a, i) => {
    const at = `allocations[${i}]`;
    const invoice = invoices.get(a.invoiceId);
    if (!invoice) throw badInput(`invoice ${a.invoiceId} does not exist`, `${at}.invoiceId`);
    if (invoice.kind !== wanted)
      throw badInput(
        `a payment ${payment.kind.toLowerCase()} settles ${wanted.toLowerCase()} invoices`,
        `${at}.invoiceId`,
      );
    if (invoice.counterparty.toLowerCase() !== payment.counterparty.toLowerCase())
      throw badInput(
        `the invoice is for ${invoice.counterparty}, the payment from ${payment.counterparty}`,
        `${at}.invoiceId`,
      );
    if (invoice.currency !== payment.currency)
      throw badInput(
        `the invoice is in ${invoice.currency}, the payment in ${payment.currency}`,
        `${at}.invoiceId`,
      );
    const amount = new Decimal(a.amount);
    if (amount.lessThanOrEqualTo(0)) throw badInput('amount must be greater than zero', `${at}.amount`);
    if (amount.decimalPlaces() > 2) throw badInput('amount has more than two decimals', `${at}.amount`);
    const sofar = (perInvoice.get(invoice.id) ?? new Decimal(0)).plus(amount);
    if (sofar.greaterThan(invoice.open))
      throw badInput(`the invoice has only ${new Decimal(invoice.open).toFixed(2)} open`, `${at}.amount`);
    perInvoice.set(invoice.id, sofar);
    applied = applied.plus(amount);
  });
  if (applied.greaterThan(payment.unapplied))
    throw badInput(
      `the payment holds only ${new Decimal(payment.unapplied).toFixed(2)}; the allocations total ${applied.toFixed(2)}`,
      'allocations',
    );
  return { applied: applied.toFixed(2), remaining: new Decimal(payment.unapplied).minus(applied).toFixed(2) };
}

export type AgingBucket = 'NOT_DUE' | 'DAYS_0_30' | 'DAYS_31_60' | 'DAYS_61_90' | 'OVER_90';

/** Whole days from the due date to `asOf` (negative before the due date). */
export function daysPastDue(dueDate: string, asOf: string): number {
  return Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000);
}

/** Due today counts as 0 days past due; not yet due is its own column. */
export function agingBucket(dueDate: string, asOf: string): AgingBucket {
  const days = daysPastDue(dueDate, asOf);
  if (days < 0) return 'NOT_DUE';
  if (days <= 30) return 'DAYS_0_30';
  if (days <= 60) return 'DAYS_31_60';
  if (days <= 90) return 'DAYS_61_90';
  return 'OVER_90';
}

export interface AgingItem {
  counterparty: string;
  kind: InvoiceKind;
  currency: string;
  dueDate: string;
  open: string;
}

export interface AgingRow {
  counterparty: string;
  kind: InvoiceKind;
  currency: string;
  notDue: string;
  days0To30: string;
  days31To60: string;
  days61To90: string;
  over90: string;
  total: string;
}

const FIELD: Record<AgingBucket, keyof AgingRow> = {
  NOT_DUE: 'notDue',
  DAYS_0_30: 'days0To30',
  DAYS_31_60: 'days31To60',
  DAYS_61_90: 'days61To90',
  OVER_90: 'over90',
};

/** Open items summed per counterparty, kind and currency into the aging buckets. */
export function agingRows(items: readonly AgingItem[], asOf: string): AgingRow[] {
  const rows = new Map<string, Record<string, Decimal | string>>();
  for (const item of items) {
    if (new Decimal(item.open).isZero()) continue;
    const key = `${item.kind}\u0000${item.counterparty}\u0000${item.currency}`;
    let row = rows.get(key);
    if (!row) {
      row = { counterparty: item.counterparty, kind: item.kind, currency: item.currency };
      for (const f of [...Object.values(FIELD), 'total']) row[f] = new Decimal(0);
      rows.set(key, row);
    }
    const field = FIELD[agingBucket(item.dueDate, asOf)];
    row[field] = (row[field] as Decimal).plus(item.open);
    row.total = (row.total as Decimal).plus(item.open);
  }
  return [...rows.values()]
    .map((r) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(r)) out[k] = v instanceof Decimal ? v.toFixed(2) : v;
      return out as unknown as AgingRow;
    })
    .sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        a.counterparty.localeCompare(b.counterparty) ||
        a.currency.localeCompare(b.currency),
    );
}

const described = (status: string | undefined) =>
  status === 'PENDING_APPROVAL' ? 'waits for approval' : `is ${status?.toLowerCase() ?? 'not booked'}`;

/**
 * A settlement takes no approval of its own (it moves money already booked between two accounts), so
 * it may only move what is in the books: the payment's entry and every invoice's entry posted. A
 * payment or invoice still waiting for its four eyes, rejected or reversed is refused: settling it
 * would mark invoices paid with money nobody approved, and a later rejection would leave the
 * settlement standing on nothing.
 */
export function checkSettleable(
  paymentStatus: string | undefined,
  invoices: { number: string; status: string | undefined }[],
): void {
  if (paymentStatus !== 'POSTED')
    throw conflict(
      `the payment ${described(paymentStatus)}; only a posted payment can be applied`,
      'paymentId',
    );
  const unposted = invoices.find((i) => i.status !== 'POSTED');
  if (unposted)
    throw conflict(
      `invoice ${unposted.number} ${described(unposted.status)}; only posted invoices can be settled`,
      'allocations',
    );
}
