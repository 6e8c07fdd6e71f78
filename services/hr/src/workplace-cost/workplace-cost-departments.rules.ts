import { Decimal } from 'decimal.js';
import type { WorkplaceCostReport, WorkplaceCostRow } from './workplace-cost.rules.js';

/** Below this many remote people a department's allowance figures would show one person's pay. */
export const MIN_GROUP_FOR_PAY = 3;

export interface WorkplaceCostDepartmentRow {
  departmentId: string;
  remoteEmployees: number;
  monthsRemote: number;
  seatCostAvoided: string;
  /** Null for an aggregate-only viewer when fewer than MIN_GROUP_FOR_PAY people are behind it. */
  allowancesPaid: string | null;
  netSaving: string | null;
}

/**
 * The report per department, ordered by department id, in the same rounding as the rows. An
 * aggregate-only viewer (analysts, controllers: not hr or payroll) gets no per-person rows at all, and
 * a small department's allowances are withheld so no single person's pay can be read from it, and
 * the report's totals of allowances and net saving cover only the departments it shows them for.
 */
export function workplaceCostByDepartment(
  report: WorkplaceCostReport,
  departmentOf: ReadonlyMap<string, string>,
  perPerson: boolean,
): WorkplaceCostReport & { departments: WorkplaceCostDepartmentRow[] } {
  const groups = new Map<string, WorkplaceCostRow[]>();
  for (const row of report.rows) {
    const department = departmentOf.get(row.employeeId);
    if (!department) throw new Error(`employee ${row.employeeId} has no department`);
    groups.set(department, [...(groups.get(department) ?? []), row]);
  }
  const sum = (rows: WorkplaceCostRow[], pick: (r: WorkplaceCostRow) => string) =>
    rows.reduce((total, r) => total.plus(pick(r)), new Decimal(0)).toFixed(2);
  const departments = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([departmentId, rows]) => {
      const showPay = perPerson || rows.length >= MIN_GROUP_FOR_PAY;
      return {
        departmentId,
        remoteEmployees: rows.length,
        monthsRemote: rows.reduce((n, r) => n + r.monthsRemote, 0),
        seatCostAvoided: sum(rows, (r) => r.seatCostAvoided),
        allowancesPaid: showPay ? sum(rows, (r) => r.allowancesPaid) : null,
        netSaving: showPay ? sum(rows, (r) => r.netSaving) : null,
      };
    });
  if (perPerson) return { ...report, departments };
  // The totals of pay cover only the departments whose pay is shown: the full total less the shown
  // departments would be the withheld ones' pay (one person's, where one is behind it).
  const shown = departments.filter((d) => d.allowancesPaid !== null);
  const total = (pick: (d: WorkplaceCostDepartmentRow) => string | null) =>
    shown.reduce((sum, d) => sum.plus(pick(d) as string), new Decimal(0)).toFixed(2);
  return {
    ...report,
    rows: [],
    departments,
    totalAllowancesPaid: total((d) => d.allowancesPaid),
    totalNetSaving: total((d) => d.netSaving),
  };
}
