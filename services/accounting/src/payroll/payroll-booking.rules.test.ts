import type { PayrollRunFinalizedData } from '@backoffice/kit';
import { describe, expect, it } from 'vitest';
import { checkLines } from '../journal/journal.rules.js';
import { PayrollBookingError, payrollBookingLines } from './payroll-booking.rules.js';

const run: PayrollRunFinalizedData = {
  payrollRunId: 'run-1',
  period: '2026-01',
  bookingDate: '2026-01-31',
  currency: 'EUR',
  totals: {
    grossSalary: '9000.00',
    allowances: '150.00',
    pensionEmployee: '450.00',
    wageWithholding: '2000.00',
    netPay: '6700.00',
  },
  costCenters: [
    {
      costCenter: 'BO-100',
      grossSalary: '5000.00',
      allowances: '150.00',
      pensionEmployee: '250.00',
      wageWithholding: '1100.00',
      netPay: '3800.00',
    },
    {
      costCenter: 'FO-300',
      grossSalary: '4000.00',
      allowances: '0.00',
      pensionEmployee: '200.00',
      wageWithholding: '900.00',
      netPay: '2900.00',
    },
  ],
  employees: [],
};

describe('payroll booking', () => {
  it('debits expense per cost center and credits the liabilities, balanced', () => {
    const lines = payrollBookingLines(run);
    expect(lines.filter((l) => l.debit).map((l) => [l.accountCode, l.debit, l.costCenter])).toEqual([
      ['4000', '5000.00', 'BO-100'],
      ['4100', '150.00', 'BO-100'],
      ['4000', '4000.00', 'FO-300'],
    ]);
    expect(checkLines(lines).total).toBe('9150.00');
  });
  it('refuses a cost center whose pay does not add up', () => {
    const broken = { ...run, costCenters: [{ ...run.costCenters[0], netPay: '3799.99' }] };
    expect(() => payrollBookingLines(broken)).toThrow(PayrollBookingError);
  });
});
