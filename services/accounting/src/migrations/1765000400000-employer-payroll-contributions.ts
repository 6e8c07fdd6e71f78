import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The accounts a payroll booking uses for what the employer pays on top of the wage (NL: the Zvw levy
 * and the AWf, Aof and Wko premiums): an expense against what is owed to the tax office.
 */
export class EmployerPayrollContributions1765000400000 implements MigrationInterface {
  name = 'EmployerPayrollContributions1765000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO account (code, name, type) VALUES
         ('4160', 'Employer social security contributions', 'EXPENSE'),
         ('2240', 'Employer social security contributions payable', 'LIABILITY')
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM account WHERE code IN ('4160', '2240')`);
  }
}
