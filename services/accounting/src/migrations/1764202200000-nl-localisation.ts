import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dutch localisation: the holiday allowance accrual accounts payroll bookings use, and a VAT code on
 * invoice lines (the box of the return a line lands in, reverse charges included).
 */
export class NlLocalisation1764202200000 implements MigrationInterface {
  name = 'NlLocalisation1764202200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO account (code, name, type) VALUES
         ('4150', 'Holiday allowance expense', 'EXPENSE'),
         ('2230', 'Holiday allowance payable', 'LIABILITY')
       ON CONFLICT DO NOTHING`,
    );
    await q.query(`
      ALTER TABLE invoice_line ADD COLUMN vat_code text
        CHECK (vat_code IN ('HIGH', 'LOW', 'ZERO', 'REVERSE_CHARGED', 'EU_REVERSE_CHARGED', 'NON_EU'))`);
    // A code fixes the rate on the invoice: reverse-charged lines never carry VAT themselves.
    await q.query(`
      ALTER TABLE invoice_line ADD CONSTRAINT invoice_line_vat_code_rate CHECK (
        vat_code IS NULL
        OR (vat_code = 'HIGH' AND vat_rate = 21)
        OR (vat_code = 'LOW' AND vat_rate = 9)
        OR (vat_code NOT IN ('HIGH', 'LOW') AND vat_rate = 0 AND vat_amount = 0))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE invoice_line DROP COLUMN vat_code');
    await q.query(`DELETE FROM account WHERE code IN ('4150', '2230')`);
  }
}
