import { type ServiceContext, badInput, groupByKeys, hasRole } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { workplaceCostByDepartment } from './workplace-cost-departments.rules.js';
import { workplaceCostReport } from './workplace-cost.rules.js';

/**
 * The workplace cost report from hr's own records: work-location history (status changes) and the
 * remote-work allowance lines of finalized payslips, for everyone who was remote in the year. Where a
 * country pack pays real home-working allowances per registered day (HOME_WORKING_ALLOWANCE, tax-free
 * and taxable lines alike), those count as the remote-work allowance paid.
 * Three queries, whatever the headcount. Per person only for hr and payroll; everyone else sees departments.
 */
export class WorkplaceCostService {
  constructor(private readonly db: DataSource) {}

  async report(ctx: ServiceContext, year: number, officeSeatMonthlyCost: string) {
    if (!Number.isInteger(year) || year < 1900 || year > 2200) throw badInput('year is out of range', 'year');
    if (officeSeatMonthlyCost.startsWith('-'))
      throw badInput('officeSeatMonthlyCost cannot be negative', 'officeSeatMonthlyCost');
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const people: { id: string; start_date: string; end_date: string | null; department_id: string }[] =
      await this.db.query(
        `SELECT DISTINCT e.id, e.start_date, e.end_date, e.department_id FROM employee e
       JOIN employee_status_change c ON c.employee_id = e.id
       WHERE c.work_location = 'REMOTE' AND e.start_date <= $2 AND (e.end_date IS NULL OR e.end_date >= $1)
       ORDER BY e.id`,
        [from, to],
      );
    const ids = people.map((p) => p.id);
    const changes: {
      employee_id: string;
      work_location: 'OFFICE' | 'REMOTE' | 'HYBRID';
      effective_from: string;
      next_from: string | null;
    }[] = await this.db.query(
      `SELECT employee_id, work_location, effective_from,
                lead(effective_from) OVER (PARTITION BY employee_id ORDER BY effective_from, id) AS next_from
         FROM employee_status_change WHERE employee_id = ANY($1::uuid[]) ORDER BY employee_id, effective_from, id`,
      [ids],
    );
    const payments: { employee_id: string; period: string; amount: string }[] = await this.db.query(
      `SELECT p.employee_id, r.period, (line->>'amount') AS amount
       FROM payslip p JOIN payroll_run r ON r.id = p.payroll_run_id, jsonb_array_elements(p.lines) AS line
       WHERE r.status = 'FINALIZED' AND r.period LIKE $2 AND p.employee_id = ANY($1::uuid[]) AND line->>'code' IN ('ALLOWANCE_REMOTE_WORK', 'HOME_WORKING_ALLOWANCE')`,
      [ids, `${year}-%`],
    );
    const changesOf = groupByKeys(ids, changes, (c) => c.employee_id);
    const paymentsOf = groupByKeys(ids, payments, (p) => p.employee_id);
    const report = workplaceCostReport({
      year,
      officeSeatMonthlyCost,
      employees: people.map((p, i) => ({
        employeeId: p.id,
        startDate: p.start_date,
        endDate: p.end_date,
        workLocations: changesOf[i]
          .filter((c) => c.next_from === null || c.next_from > c.effective_from)
          .map((c) => ({
            location: c.work_location,
            from: c.effective_from,
            to: c.next_from ? dayBefore(c.next_from) : null,
          })),
        allowancePayments: paymentsOf[i].map((pay) => ({
          period: pay.period,
          kind: 'REMOTE_WORK',
          amount: pay.amount,
        })),
      })),
    });
    const departmentOf = new Map(people.map((p) => [p.id, p.department_id]));
    return workplaceCostByDepartment(report, departmentOf, hasRole(ctx, 'hr', 'payroll'));
  }
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
