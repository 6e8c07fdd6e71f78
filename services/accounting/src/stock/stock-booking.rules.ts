import type { catalog, Data } from '@backoffice/events';
import { Decimal } from 'decimal.js';
import type { JournalLineInput } from '../journal/journal.rules.js';

/** The accounts stock movements post to (installed by the stock-booking migration). */
export const STOCK_ACCOUNTS = {
  inventory: '1400',
  goodsReceivedNotInvoiced: '2050',
  costOfGoodsSold: '7000',
} as const;

export class StockBookingError extends Error {}

type Movement = Data<typeof catalog.stockReceived> | Data<typeof catalog.stockIssued>;

/**
 * A receipt puts its value into inventory against what is owed for it until the supplier's invoice
 * comes (goods received, not invoiced); an issue takes its value at average cost out of inventory into
 * cost of goods sold. A movement without a value (no cost known) books nothing: null.
 */
export function stockBookingLines(kind: 'RECEIPT' | 'ISSUE', m: Movement): JournalLineInput[] | null {
  if (m.value === undefined) return null;
  const value = new Decimal(m.value);
  if (value.isNegative()) throw new StockBookingError(`movement ${m.movementId} has a negative value`);
  if (value.isZero()) return null;
  const amount = value.toFixed(2);
  const what = `${m.sku} x ${m.quantity}${m.reference ? ` (${m.reference})` : ''}`;
  const [debit, credit] =
    kind === 'RECEIPT'
      ? [STOCK_ACCOUNTS.inventory, STOCK_ACCOUNTS.goodsReceivedNotInvoiced]
      : [STOCK_ACCOUNTS.costOfGoodsSold, STOCK_ACCOUNTS.inventory];
  return [
    { accountCode: debit, debit: amount, description: what },
    { accountCode: credit, credit: amount, description: what },
  ];
}
