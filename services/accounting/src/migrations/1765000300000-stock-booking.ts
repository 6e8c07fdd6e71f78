import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stock movements of the catalog booked at average cost: their accounts and their entry source. */
export class StockBooking1765000300000 implements MigrationInterface {
  name = 'StockBooking1765000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO account (code, name, type) VALUES
        ('1400', 'Inventory', 'ASSET'),
        ('2050', 'Goods received not invoiced', 'LIABILITY'),
        ('7000', 'Cost of goods sold', 'EXPENSE')
      ON CONFLICT (code) DO NOTHING`);
    await q.query('ALTER TABLE journal_entry DROP CONSTRAINT journal_entry_source_check');
    await q.query(`
      ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_source_check
        CHECK (source IN ('MANUAL', 'INVOICE', 'PAYMENT', 'SETTLEMENT', 'PAYROLL', 'REVERSAL', 'STOCK'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE journal_entry DROP CONSTRAINT journal_entry_source_check');
    await q.query(`
      ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_source_check
        CHECK (source IN ('MANUAL', 'INVOICE', 'PAYMENT', 'SETTLEMENT', 'PAYROLL', 'REVERSAL'))`);
  }
}
