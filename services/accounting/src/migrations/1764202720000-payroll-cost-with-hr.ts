import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pay per employee is hr's to answer (Employee.payrollCost moved there): accounting keeps payroll
 * only per cost center, as its bookings need, and no longer holds a copy of each person's pay.
 */
export class PayrollCostWithHr1764202720000 implements MigrationInterface {
  name = 'PayrollCostWithHr1764202720000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS employee_payroll_cost');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE employee_payroll_cost (
        employee_id text NOT NULL,
        payroll_run_id text NOT NULL,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        cost_center text,
        cost numeric(18, 2) NOT NULL,
        currency text NOT NULL,
        PRIMARY KEY (employee_id, payroll_run_id)
      )`);
    await q.query(
      'CREATE INDEX employee_payroll_cost_by_year ON employee_payroll_cost (employee_id, period)',
    );
  }
}
