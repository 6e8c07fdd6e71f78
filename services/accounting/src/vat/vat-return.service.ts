import { badInput } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { SELF_ASSESSED_RATE } from './vat-codes.js';
import { type VatTurnover, quarterRange, vatBoxes } from './vat-return.rules.js';

export class VatReturnService {
  constructor(private readonly db: DataSource) {}

  /** Invoices issued in the quarter whose entry is in the books (a reversed invoice no longer counts). */
  async quarter(year: number, quarter: number) {
    if (!Number.isInteger(year) || year < 1900 || year > 9999) throw badInput('year is out of range', 'year');
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
      throw badInput('quarter is 1 to 4', 'quarter');
    const { from, to } = quarterRange(year, quarter);
    // Per line as booked: base-currency amounts rounded per line, reverse-charged VAT self-assessed per line.
    const rows: any[] = await this.db.query(
      `SELECT i.kind, l.vat_code, l.vat_rate::text AS vat_rate,
              sum(round(l.net_amount * i.exchange_rate, 2))::numeric(18, 2) AS turnover,
              sum(round(l.vat_amount * i.exchange_rate, 2))::numeric(18, 2) AS vat,
              sum(round(round(l.net_amount * i.exchange_rate, 2) * $3::numeric / 100, 2))::numeric(18, 2) AS self_assessed
         FROM invoice_line l
         JOIN invoice i ON i.id = l.invoice_id
         JOIN journal_entry e ON e.id = i.journal_entry_id AND e.status = 'POSTED'
        WHERE i.issue_date BETWEEN $1 AND $2
        GROUP BY i.kind, l.vat_code, l.vat_rate
        ORDER BY i.kind, l.vat_code, l.vat_rate`,
      [from, to, SELF_ASSESSED_RATE],
    );
    const turnover: VatTurnover[] = rows.map((r) => ({
      kind: r.kind,
      vatCode: r.vat_code,
      vatRate: r.vat_rate,
      turnover: r.turnover,
      vat: r.vat,
      selfAssessedVat: r.self_assessed,
    }));
    return { year, quarter, boxes: vatBoxes(turnover) };
  }
}
