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

  /**
   * A run's employer contributions: its payslips' EMPLOYER_* lines summed in the database (as the payslip's
   * own employerContributions does line by line), one query for every run a page asks for, so a list of
   * runs does not read every payslip into the subgraph. The caller's role is checked on PayrollRun.
   */
  async employerContributionsOfRun(ctx: ServiceContext, runId: string): Promise<string> {
    return ctx.loaders
      .get<string, string>('employer-contributions-by-run', async (ids) => {
        const rows: { run_id: string; total: string }[] = await this.db.query(
          `SELECT p.payroll_run_id::text AS run_id,
                  coalesce(sum((l->>'amount')::numeric), 0)::numeric(18, 2)::text AS total
             FROM payslip p
             CROSS JOIN LATERAL jsonb_array_elements(p.lines) AS l
            WHERE p.payroll_run_id = ANY($1::uuid[]) AND l->>'code' LIKE 'EMPLOYER\\_%'
            GROUP BY p.payroll_run_id`,
          [ids.filter(isUuid)],
        );
        const found = new Map(rows.map((r) => [r.run_id, r.total]));
        return ids.map((id) => found.get(id) ?? '0.00');
      })
      .load(runId);
  }
}
