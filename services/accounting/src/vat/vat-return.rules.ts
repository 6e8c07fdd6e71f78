import { Decimal } from 'decimal.js';

export interface VatTurnover {
  kind: 'CUSTOMER' | 'SUPPLIER';
  /** Percent. */
  vatRate: string;
  turnover: string;
  vat: string;
}

export interface VatBox {
  code: string;
  turnover: string;
  vat: string;
}

/**
 * The Dutch VAT return's boxes from a quarter's invoices (base currency): 1a high rate (21 %), 1b low rate
 * (9 %), 1c other rates, 1e zero rate; 5a output VAT, 5b input VAT from supplier invoices, 5c = 5a - 5b,
 * 5g the amount to pay (negative: to reclaim). Other countries get the same boxes until their pack exists.
 */
export function vatBoxes(rows: readonly VatTurnover[]): VatBox[] {
  const zero = () => ({ turnover: new Decimal(0), vat: new Decimal(0) });
  const boxes: Record<string, { turnover: Decimal; vat: Decimal }> = {
    '1a': zero(),
    '1b': zero(),
    '1c': zero(),
    '1e': zero(),
    '5b': zero(),
  };
  for (const r of rows) {
    const rate = new Decimal(r.vatRate);
    let code = '5b';
    if (r.kind === 'CUSTOMER')
      code = rate.equals(21) ? '1a' : rate.equals(9) ? '1b' : rate.isZero() ? '1e' : '1c';
    boxes[code].turnover = boxes[code].turnover.plus(r.turnover);
    boxes[code].vat = boxes[code].vat.plus(r.vat);
  }
  const output = ['1a', '1b', '1c', '1e'].reduce((s, c) => s.plus(boxes[c].vat), new Decimal(0));
  const input = boxes['5b'].vat;
  const box = (code: string, turnover: Decimal, vat: Decimal): VatBox => ({
    code,
    turnover: turnover.toFixed(2),
    vat: vat.toFixed(2),
  });
  return [
    ...['1a', '1b', '1c', '1e'].map((c) => box(c, boxes[c].turnover, boxes[c].vat)),
    box('5a', new Decimal(0), output),
    box('5b', boxes['5b'].turnover, input),
    box('5c', new Decimal(0), output.minus(input)),
    box('5g', new Decimal(0), output.minus(input)),
  ];
}

/** The first and last day of a calendar quarter. */
export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  const first = (quarter - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { from: `${year}-${mm(first)}-01`, to: `${year}-${mm(first + 2)}-${last}` };
}
