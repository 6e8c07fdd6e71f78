import { type ServiceContext, badInput, forbidden, hasRole, isSelf } from '@backoffice/kit';
import type { DataSource } from 'typeorm';

/** The per-employee cost table kept from finalized payroll runs. */
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
        const pairs = keys.map((k) => k.split('|'));
        const rows: { employee_id: string; year: string; cost: string }[] = await this.db.query(
          `SELECT c.employee_id, left(c.period, 4) AS year, sum(c.cost)::numeric(18, 2) AS cost
             FROM employee_payroll_cost c
             JOIN unnest($1::text[], $2::text[]) AS k(employee_id, year)
               ON k.employee_id = c.employee_id AND k.year = left(c.period, 4)
            GROUP BY c.employee_id, left(c.period, 4)`,
          [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        );
        const found = new Map(rows.map((r) => [`${r.employee_id}|${r.year}`, r.cost]));
        return keys.map((k) => found.get(k) ?? '0.00');
      })
      .load(`${employeeId}|${year}`);
  }
}
