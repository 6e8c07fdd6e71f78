import { type ServiceContext, badInput, forbidden, hasRole, isSelf, isUuid } from '@backoffice/kit';
import type { DataSource } from 'typeorm';

/**
 * An employee's employer payroll cost (gross salary + allowances) over a year's finalized runs, from hr's
 * own payslips. It lives in hr because pay per employee never leaves hr: the finalized event carries only
 * totals per cost center.
 */
export class PayrollCostService {
  constructor(private readonly db: DataSource) {}

  /** One query for every employee and year a page asks for. */
  async ofYear(ctx: ServiceContext, employeeId: string, year: number): Promise<string> {
    if (!hasRole(ctx, 'hr', 'payroll', 'accountant', 'controller') && !isSelf(ctx, employeeId))
      throw forbidden(
        "only hr, payroll, accountant, controller and the employee themself may see an employee's payroll cost",
      );
    if (!Number.isInteger(year) || year < 1900 || year > 9999) throw badInput('year is out of range', 'year');
    return ctx.loaders
      .get<string, string>('payroll-cost', async (keys) => {
        const pairs = keys.map((k) => k.split('|')).filter(([id]) => isUuid(id));
        const rows: { employee_id: string; year: string; cost: string }[] = await this.db.query(
          `SELECT p.employee_id::text AS employee_id, left(r.period, 4) AS year,
                  sum(p.gross + p.allowances)::numeric(18, 2)::text AS cost
             FROM payslip p
             JOIN payroll_run r ON r.id = p.payroll_run_id AND r.status = 'FINALIZED'
             JOIN unnest($1::uuid[], $2::text[]) AS k(employee_id, year)
               ON k.employee_id = p.employee_id AND k.year = left(r.period, 4)
            GROUP BY p.employee_id, left(r.period, 4)`,
          [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        );
        const found = new Map(rows.map((r) => [`${r.employee_id}|${r.year}`, r.cost]));
        return keys.map((k) => found.get(k) ?? '0.00');
      })
      .load(`${employeeId}|${year}`);
  }
}
