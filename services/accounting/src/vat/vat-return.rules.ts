import { Decimal } from 'decimal.js';
import { VAT_CODES, type VatCode } from './vat-codes.js';

export interface VatTurnover {
  kind: 'CUSTOMER' | 'SUPPLIER';
  /** The line's VAT code, when it has one; without, the rate decides (old lines). */
  vatCode?: VatCode | null;
  /** Percent. */
  vatRate: string;
  turnover: string;
  vat: string;
  /** VAT self-assessed on reverse-charged purchases (rounded per line like the booking). */
  selfAssessedVat?: string;
}

export interface VatBox {
  code: string;
  turnover: string;
  vat: string;
}

/** The boxes of the Dutch return, in the order of the form. */
export const VAT_BOXES = ['1a', '1b', '1c', '1d', '1e', '2a', '3a', '3b', '4a', '4b', '5a', '5b', '5c', '5g'];
const OWED = ['1a', '1b', '1c', '1d', '1e', '2a', '3a', '3b', '4a', '4b'];

/**
 * The Dutch VAT return's boxes from a quarter's invoices (base currency). Sales: 1a high rate (21 %), 1b
 * low rate (9 %), 1c other rates, 1e zero rate or VAT reverse-charged to the customer, 3a exports outside
 * the EU, 3b supplies to EU businesses. Purchases where the VAT is charged to us: 2a domestic, 4a from
 * outside the EU, 4b from the EU, with the VAT we owe on them. 5a is all VAT owed (1a-4b), 5b input VAT
 * (charged by suppliers, plus the reverse-charged VAT we owed), 5c = 5a - 5b, 5g the amount to pay
 * (negative: to reclaim). 1d (private use) stays 0: the books do not record it.
 */
export function vatBoxes(rows: readonly VatTurnover[]): VatBox[] {
  const boxes = new Map(VAT_BOXES.map((c) => [c, { turnover: new Decimal(0), vat: new Decimal(0) }]));
  const add = (code: string, turnover: Decimal.Value, vat: Decimal.Value) => {
    const box = boxes.get(code) as { turnover: Decimal; vat: Decimal };
    box.turnover = box.turnover.plus(turnover);
    box.vat = box.vat.plus(vat);
  };
  for (const r of rows) {
    const rule = r.vatCode ? VAT_CODES[r.vatCode] : null;
    if (r.kind === 'CUSTOMER') {
      const rate = new Decimal(r.vatRate);
      const box =
        rule?.saleBox ?? (rate.equals(21) ? '1a' : rate.equals(9) ? '1b' : rate.isZero() ? '1e' : '1c');
      add(box, r.turnover, r.vat);
    } else if (rule?.selfAssessedBox) {
      const owed = r.selfAssessedVat ?? '0';
      add(rule.selfAssessedBox, r.turnover, owed);
      add('5b', 0, owed);
    } else {
      add('5b', r.turnover, r.vat);
    }
  }
  const owed = OWED.reduce((s, c) => s.plus(boxes.get(c)?.vat ?? 0), new Decimal(0));
  const input = boxes.get('5b')?.vat ?? new Decimal(0);
  add('5a', 0, owed);
  add('5c', 0, owed.minus(input));
  add('5g', 0, owed.minus(input));
  return VAT_BOXES.map((code) => {
    const b = boxes.get(code) as { turnover: Decimal; vat: Decimal };
    return { code, turnover: b.turnover.toFixed(2), vat: b.vat.toFixed(2) };
  });
}

/** The first and last day of a calendar quarter. */
export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  const first = (quarter - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { from: `${year}-${mm(first)}-01`, to: `${year}-${mm(first + 2)}-${last}` };
}
