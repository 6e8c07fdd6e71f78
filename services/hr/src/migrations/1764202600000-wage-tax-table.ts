import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Dutch wage tax table an employee's pay is taxed by: WHITE for wage from current employment (the
 * default, every employee here), GREEN for pensions and benefits, which payroll refuses until it is built.
 */
export class WageTaxTable1764202600000 implements MigrationInterface {
  name = 'WageTaxTable1764202600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE employee ADD COLUMN wage_tax_table text NOT NULL DEFAULT 'WHITE'
         CONSTRAINT employee_wage_tax_table_check CHECK (wage_tax_table IN ('WHITE', 'GREEN'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE employee DROP COLUMN wage_tax_table');
  }
}
