import { Decimal } from 'decimal.js';
import type { PayrollRunFinalizedData } from '@backoffice/events';
import type { JournalLineInput } from '../journal/journal.rules.js';

export const PAYROLL_ACCOUNTS = {
  salaries: '4000',
  allowances: '4100',
  wageWithholding: '2200',
  pension: '2210',
  netPay: '2220',
  holidayAllowanceExpense: '4150',
  holidayAllowancePayable: '2230',
  employerContributionsExpense: '4160',
  employerContributionsPayable: '2240',
} as const;

/**
 * Optional per cost center until the event catalog carries them (hr sends them when a country pack
 * reserves a holiday allowance): the allowance reserved this period, and the part of `allowances` that
 * pays earlier reserves out (already expensed when reserved, so it settles the payable instead).
 */
interface HolidayAllowanceTotals {
  holidayAllowanceAccrued?: string;
  holidayAllowancePaid?: string;
}

export class PayrollBookingError extends Error {}

/**
 * The one entry of a payroll run: salary and allowance expense per cost center against what the company
 * now owes (net pay to employees, withholding to the tax office, pension to the fund), also per cost
 * center so the liabilities can be traced. Zero amounts make no line.
 */
export function payrollBookingLines(run: PayrollRunFinalizedData): JournalLineInput[] {
  const debits: JournalLineInput[] = [];
  const credits: JournalLineInput[] = [];
  const add = (
    list: JournalLineInput[],
    accountCode: string,
    amount: string,
    side: 'debit' | 'credit',
    costCenter: string,
    what: string,
  ) => {
    const d = new Decimal(amount);
    if (d.isNegative()) throw new PayrollBookingError(`${what} of cost center ${costCenter} is negative`);
    if (!d.isZero())
      list.push({ accountCode, [side]: d.toFixed(2), costCenter, description: `${what} ${run.period}` });
  };
  for (const cc of run.costCenters) {
    const expense = new Decimal(cc.grossSalary).plus(cc.allowances);
    const owed = new Decimal(cc.netPay).plus(cc.wageWithholding).plus(cc.pensionEmployee);
    if (!expense.equals(owed))
      throw new PayrollBookingError(
        `cost center ${cc.costCenter}: salary + allowances (${expense.toFixed(2)}) differ from net + withholding + pension (${owed.toFixed(2)})`,
      );
    const holiday = cc as typeof cc & HolidayAllowanceTotals;
    const accrued = new Decimal(holiday.holidayAllowanceAccrued ?? 0);
    const paidOut = new Decimal(holiday.holidayAllowancePaid ?? 0);
    if (paidOut.greaterThan(cc.allowances))
      throw new PayrollBookingError(
        `cost center ${cc.costCenter}: holiday allowance paid (${paidOut.toFixed(2)}) exceeds the allowances (${cc.allowances})`,
      );
    add(debits, PAYROLL_ACCOUNTS.salaries, cc.grossSalary, 'debit', cc.costCenter, 'Salaries');
    add(
      debits,
      PAYROLL_ACCOUNTS.allowances,
      new Decimal(cc.allowances).minus(paidOut).toFixed(2),
      'debit',
      cc.costCenter,
      'Allowances',
    );
    add(
      debits,
      PAYROLL_ACCOUNTS.holidayAllowancePayable,
      paidOut.toFixed(2),
      'debit',
      cc.costCenter,
      'Holiday allowance paid out',
    );
    add(
      debits,
      PAYROLL_ACCOUNTS.holidayAllowanceExpense,
      accrued.toFixed(2),
      'debit',
      cc.costCenter,
      'Holiday allowance reserved',
    );
    add(
      credits,
      PAYROLL_ACCOUNTS.holidayAllowancePayable,
      accrued.toFixed(2),
      'credit',
      cc.costCenter,
      'Holiday allowance reserved',
    );
    // What the employer pays on top (NL: Zvw levy, AWf, Aof, Wko): outside the salary balance above.
    const employer = cc.employerContributions ?? '0';
    add(
      debits,
      PAYROLL_ACCOUNTS.employerContributionsExpense,
      employer,
      'debit',
      cc.costCenter,
      'Employer contributions',
    );
    add(
      credits,
      PAYROLL_ACCOUNTS.employerContributionsPayable,
      employer,
      'credit',
      cc.costCenter,
      'Employer contributions',
    );
    add(credits, PAYROLL_ACCOUNTS.netPay, cc.netPay, 'credit', cc.costCenter, 'Net pay');
    add(
      credits,
      PAYROLL_ACCOUNTS.wageWithholding,
      cc.wageWithholding,
      'credit',
      cc.costCenter,
      'Wage withholding',
    );
    add(credits, PAYROLL_ACCOUNTS.pension, cc.pensionEmployee, 'credit', cc.costCenter, 'Pension');
  }
  return [...debits, ...credits];
}
