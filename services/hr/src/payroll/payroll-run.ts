import { parsePeriod } from '../contracts/calendar.js';
import { badInput, conflict } from '@backoffice/kit/errors';
import { type Amount, formatMoney, Money, ZERO } from './money.js';
import {
  type ComputedPayslip,
  computePayslip,
  inEmployee,
  type Payslip,
  type PayrollEmployee,
  type PayrollRules,
} from './payroll.rules.js';

/** Run totals, sums of the payslips' rounded amounts (decimal strings). */
export interface PayrollTotals {
  payslips: number;
  gross: string;
  allowances: string;
  pensionEmployee: string;
  wageWithholding: string;
  deductions: string;
  net: string;
}

export interface PayrollRunResult {
  period: string;
  /** The run's one currency; null when nobody was employed in the period. */
  currency: string | null;
  payslips: Payslip[];
  /** Employees given but not employed in the period, who get no payslip. */
  notEmployed: string[];
  totals: PayrollTotals;
}

/**
 * Calculates every employee's payslip for the period 'YYYY-MM'. A run is in one currency: payslips in
 * different currencies are a CONFLICT (run payroll per currency or convert contracts first). Any
 * employee's bad data fails the whole run with an error naming that employee, since paying everyone but
 * one silently is worse than not paying yet.
 */
export function calculatePayrollRun(
  employees: readonly PayrollEmployee[],
  period: string,
  rules: PayrollRules,
): PayrollRunResult {
  const month = parsePeriod(period);
  const payslips: Payslip[] = [];
  const notEmployed: string[] = [];
  const seen = new Set<string>();
  const computed: ComputedPayslip[] = [];
  let currency: string | null = null;
  for (let i = 0; i < employees.length; i++) {
    const employee = employees[i];
    if (seen.has(employee.employeeId)) {
      throw badInput(`employee ${employee.employeeId} appears twice in the run`, `employees[${i}]`);
    }
    seen.add(employee.employeeId);
    let result: ComputedPayslip | null;
    try {
      result = computePayslip(employee, month, rules);
    } catch (error) {
      throw inEmployee(error, employee.employeeId, i);
    }
    if (result === null) {
      notEmployed.push(employee.employeeId);
      continue;
    }
    const { payslip } = result;
    if (currency !== null && payslip.currency !== currency) {
      throw conflict(
        `employee ${employee.employeeId} is paid in ${payslip.currency} but the run is in ${currency}`,
        `employees[${i}].contracts`,
      );
    }
    currency = payslip.currency;
    payslips.push(payslip);
    computed.push(result);
  }
  return { period: month.period, currency, payslips, notEmployed, totals: totalOf(computed) };
}

/** Run totals of stored payslips (e.g. to show a calculated run again). */
export const sumPayslips = (payslips: readonly Payslip[]): PayrollTotals =>
  totalOf(
    payslips.map((p) => ({
      gross: new Money(p.gross),
      allowances: new Money(p.allowances),
      pension: new Money(p.pensionEmployee),
      withholding: new Money(p.wageWithholding),
    })),
  );

function totalOf(
  payslips: readonly Pick<ComputedPayslip, 'gross' | 'allowances' | 'pension' | 'withholding'>[],
): PayrollTotals {
  let gross = ZERO;
  let allowances = ZERO;
  let pension = ZERO;
  let withholding = ZERO;
  for (const p of payslips) {
    gross = gross.plus(p.gross);
    allowances = allowances.plus(p.allowances);
    pension = pension.plus(p.pension);
    withholding = withholding.plus(p.withholding);
  }
  const deductions = pension.plus(withholding);
  return {
    payslips: payslips.length,
    gross: formatMoney(gross),
    allowances: formatMoney(allowances),
    pensionEmployee: formatMoney(pension),
    wageWithholding: formatMoney(withholding),
    deductions: formatMoney(deductions),
    net: formatMoney(gross.plus(allowances).minus(deductions)),
  };
}

/**
 * What accounting books for one cost center when the run is finalized: salary and allowance expense
 * against net pay payable, pension withheld and wage withholding payable. Always balanced:
 * grossSalary + allowances = netPay + pensionWithheld + wageWithholding, to the cent.
 */
export interface CostCenterPayrollTotals {
  costCenter: string;
  currency: string;
  employees: number;
  grossSalary: string;
  allowances: string;
  pensionWithheld: string;
  wageWithholding: string;
  netPay: string;
}

interface Accumulator {
  costCenter: string;
  currency: string;
  employees: number;
  gross: Amount;
  allowances: Amount;
  pension: Amount;
  withholding: Amount;
  net: Amount;
}

/**
 * Totals per cost center (and currency) and component, for the payroll_run.finalized event, sorted by
 * cost center. The sums are of the payslips' own rounded amounts, so each cost center balances exactly;
 * a payslip that does not balance itself (corrupted in storage) is a CONFLICT rather than a skewed entry.
 */
export function totalsByCostCenterAndComponent(payslips: readonly Payslip[]): CostCenterPayrollTotals[] {
  const byKey = new Map<string, Accumulator>();
  for (const p of payslips) {
    const key = `${p.costCenter}\u0000${p.currency}`;
    let acc = byKey.get(key);
    if (!acc) {
      acc = {
        costCenter: p.costCenter,
        currency: p.currency,
        employees: 0,
        gross: ZERO,
        allowances: ZERO,
        pension: ZERO,
        withholding: ZERO,
        net: ZERO,
      };
      byKey.set(key, acc);
    }
    acc.employees++;
    acc.gross = acc.gross.plus(p.gross);
    acc.allowances = acc.allowances.plus(p.allowances);
    acc.pension = acc.pension.plus(p.pensionEmployee);
    acc.withholding = acc.withholding.plus(p.wageWithholding);
    acc.net = acc.net.plus(p.net);
  }
  const totals = [...byKey.values()].sort((a, b) =>
    a.costCenter < b.costCenter ? -1 : a.costCenter > b.costCenter ? 1 : a.currency < b.currency ? -1 : 1,
  );
  // Checked per cost center rather than per payslip (fewer operations); only on a mismatch are the
  // payslips searched, to name the one that does not balance.
  for (const acc of totals) {
    if (!acc.gross.plus(acc.allowances).equals(acc.net.plus(acc.pension).plus(acc.withholding))) {
      throw unbalanced(
        payslips.filter((p) => p.costCenter === acc.costCenter && p.currency === acc.currency),
      );
    }
  }
  return totals.map((acc) => ({
    costCenter: acc.costCenter,
    currency: acc.currency,
    employees: acc.employees,
    grossSalary: formatMoney(acc.gross),
    allowances: formatMoney(acc.allowances),
    pensionWithheld: formatMoney(acc.pension),
    wageWithholding: formatMoney(acc.withholding),
    netPay: formatMoney(acc.net),
  }));
}

function unbalanced(payslips: readonly Payslip[]): Error {
  const p = payslips.find(
    (q) =>
      !new Money(q.gross)
        .plus(q.allowances)
        .equals(new Money(q.net).plus(q.pensionEmployee).plus(q.wageWithholding)),
  );
  if (!p) return conflict(`the payslips of cost center ${payslips[0]?.costCenter} do not balance`);
  return conflict(
    `the payslip of employee ${p.employeeId} does not balance: ${p.gross} + ${p.allowances} is not ` +
      `${p.net} + ${p.pensionEmployee} + ${p.wageWithholding}`,
  );
}
