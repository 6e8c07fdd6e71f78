import type { PayrollRunFinalizedData } from '@backoffice/events';
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
  finalizedBy: 'paula',
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

describe('holiday allowance (optional event fields)', () => {
  it('books the reserve as expense against a payable, and a payout against the payable', () => {
    const withHoliday = {
      ...run,
      costCenters: [
        {
          costCenter: 'NL-1',
          grossSalary: '3000.00',
          allowances: '720.00',
          pensionEmployee: '150.00',
          wageWithholding: '1000.00',
          netPay: '2570.00',
          holidayAllowanceAccrued: '240.00',
          holidayAllowancePaid: '720.00',
        },
      ],
    } as unknown as PayrollRunFinalizedData;
    const lines = payrollBookingLines(withHoliday);
    expect(() => checkLines(lines)).not.toThrow();
    const at = (code: string) =>
      lines.filter((l) => l.accountCode === code).map((l) => [l.debit ?? null, l.credit ?? null]);
    expect(at('4150')).toEqual([['240.00', null]]);
    expect(at('2230')).toEqual([
      ['720.00', null],
      [null, '240.00'],
    ]);
    // The payout was expensed when reserved: no allowance expense for it again.
    expect(at('4100')).toEqual([]);
  });
});

describe("the employer's contributions (NL: Zvw, AWf, Aof, Wko)", () => {
  it('books them as expense per cost center against a payable, outside the salary balance', () => {
    const withEmployer: PayrollRunFinalizedData = {
      ...run,
      costCenters: [{ ...run.costCenters[0], employerContributions: '624.47' }, run.costCenters[1]],
    };
    const lines = payrollBookingLines(withEmployer);
    expect(checkLines(lines).total).toBe('9774.47');
    const at = (code: string) =>
      lines
        .filter((l) => l.accountCode === code)
        .map((l) => [l.debit ?? null, l.credit ?? null, l.costCenter]);
    expect(at('4160')).toEqual([['624.47', null, 'BO-100']]);
    expect(at('2240')).toEqual([[null, '624.47', 'BO-100']]);
    // A run without them (a country without a pack) books none.
    expect(payrollBookingLines(run).some((l) => l.accountCode === '4160')).toBe(false);
  });
});
