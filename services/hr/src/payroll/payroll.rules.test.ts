import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContractVersion } from '../contracts/contract.rules.js';
import { DomainError } from '@backoffice/kit/errors';
import { Money } from './money.js';
import { calculatePayslip, type PayrollEmployee, payrollRules } from './payroll.rules.js';

const brackets = readFileSync(new URL('./withholding-brackets.sample.json', import.meta.url), 'utf8');
const rules = payrollRules({ withholdingBrackets: brackets });

const contract = (overrides: Partial<ContractVersion> = {}): ContractVersion => ({
  monthlySalary: '3000.00',
  currency: 'EUR',
  fte: 1,
  weeklyHours: 40,
  startDate: '2024-01-01',
  endDate: null,
  ...overrides,
});

const employee = (overrides: Partial<PayrollEmployee> = {}): PayrollEmployee => ({
  employeeId: 'e1',
  costCenter: 'CC-100',
  startDate: '2024-01-01',
  endDate: null,
  contracts: [contract()],
  ...overrides,
});

const payslip = (e: PayrollEmployee, period = '2024-06') => calculatePayslip({ employee: e, period, rules })!;
const amountOf = (p: ReturnType<typeof payslip>, code: string) =>
  p.lines.filter((l) => l.code === code).map((l) => l.amount);

describe('calculatePayslip: base salary', () => {
  it('pays a full month of 3000.00 at FTE 1 with pension and withholding explained', () => {
    const p = payslip(employee());
    expect(p).toMatchObject({
      gross: '3000.00',
      allowances: '0.00',
      pensionEmployee: '150.00',
      taxableIncome: '2850.00',
      wageWithholding: '412.50', // 2000 x 10% + 850 x 25%
      deductions: '562.50',
      net: '2437.50',
      daysPaid: 30,
      daysInPeriod: 30,
      currency: 'EUR',
    });
    expect(p.lines).toEqual([
      {
        code: 'BASE_SALARY',
        description: 'Base salary 3000.00 x FTE 1, 30/30 days',
        amount: '3000.00',
        taxable: true,
      },
      {
        code: 'PENSION_EMPLOYEE',
        description: 'Employee pension 5% of gross 3000.00',
        amount: '-150.00',
        taxable: true,
      },
      {
        code: 'WAGE_WITHHOLDING',
        description:
          'Wage withholding on taxable income 2850.00: 2000.00 at 10% (0-2000) + 850.00 at 25% (2000-5000)',
        amount: '-412.50',
        taxable: false,
      },
    ]);
  });

  it('pays a hire on the 16th of a 30-day month half the salary: 1500.00', () => {
    const p = payslip(
      employee({ startDate: '2024-06-16', contracts: [contract({ startDate: '2024-06-16' })] }),
    );
    expect(p.gross).toBe('1500.00');
    expect(p.lines[0].description).toBe('Base salary 3000.00 x FTE 1, 15/30 days');
    expect(p).toMatchObject({
      pensionEmployee: '75.00',
      wageWithholding: '142.50',
      net: '1282.50',
      daysPaid: 15,
    });
  });

  it('pays a raise from 3000 to 3600 on the 11th as 1000.00 + 2400.00 = 3400.00', () => {
    const p = payslip(
      employee({
        contracts: [
          contract({ endDate: '2024-06-10' }),
          contract({ startDate: '2024-06-11', monthlySalary: '3600.00' }),
        ],
      }),
    );
    expect(amountOf(p, 'BASE_SALARY')).toEqual(['1000.00', '2400.00']);
    expect(p.lines.map((l) => l.description).slice(0, 2)).toEqual([
      'Base salary 3000.00 x FTE 1, 10/30 days',
      'Base salary 3600.00 x FTE 1, 20/30 days',
    ]);
    expect(p).toMatchObject({ gross: '3400.00', pensionEmployee: '170.00', taxableIncome: '3230.00' });
    expect(p.wageWithholding).toBe('507.50'); // progressive across two slices: 200.00 + 307.50
    expect(p.lines.at(-1)?.description).toContain('2000.00 at 10% (0-2000) + 1230.00 at 25% (2000-5000)');
    expect(p.net).toBe('2722.50');
  });

  it('applies FTE: 0.5 of 3000.00 is 1500.00, 0.8 for half a month is 1200.00', () => {
    expect(payslip(employee({ contracts: [contract({ fte: 0.5 })] })).gross).toBe('1500.00');
    const p = payslip(employee({ startDate: '2024-06-16', contracts: [contract({ fte: '0.8' })] }));
    expect(p.lines[0]).toMatchObject({
      description: 'Base salary 3000.00 x FTE 0.8, 15/30 days',
      amount: '1200.00',
    });
  });

  it('pays a termination up to and including the last day, and nothing after', () => {
    const leaver = employee({ endDate: '2024-06-10' });
    expect(payslip(leaver).gross).toBe('1000.00');
    expect(calculatePayslip({ employee: leaver, period: '2024-07', rules })).toBeNull();
    expect(
      calculatePayslip({ employee: employee({ startDate: '2024-07-01' }), period: '2024-06', rules }),
    ).toBeNull();
    // Employed but without a contract day in the period: nothing to pay, no payslip.
    const noContract = employee({ contracts: [contract({ startDate: '2024-07-01' })] });
    expect(calculatePayslip({ employee: noContract, period: '2024-06', rules })).toBeNull();
  });

  it('counts days of a 31-day month and of February, rounding each line half up once', () => {
    const july = payslip(employee({ startDate: '2024-07-10' }), '2024-07');
    expect(july.lines[0]).toMatchObject({
      description: 'Base salary 3000.00 x FTE 1, 22/31 days',
      amount: '2129.03',
    });
    const feb = payslip(employee({ startDate: '2024-02-15' }), '2024-02');
    expect(feb.lines[0]).toMatchObject({
      description: 'Base salary 3000.00 x FTE 1, 15/29 days',
      amount: '1551.72',
    });
    // 1000.01 x 15/30 = 500.005: half up gives 500.01 (banker's rounding would give 500.00).
    const half = payslip(
      employee({ startDate: '2024-06-16', contracts: [contract({ monthlySalary: '1000.01' })] }),
    );
    expect(half.gross).toBe('500.01');
  });
});

describe('calculatePayslip: allowances', () => {
  it('adds untaxed remote work and travel, taxed other allowances, each pro rata by days', () => {
    const p = payslip(
      employee({
        contracts: [contract({ monthlySalary: '6000.00' })],
        allowances: [
          {
            kind: 'REMOTE_WORK',
            monthlyAmount: '50.00',
            currency: 'EUR',
            validFrom: '2024-01-01',
            validTo: null,
          },
          { kind: 'TRAVEL', monthlyAmount: '90.00', currency: 'EUR', validFrom: '2024-06-11', validTo: null },
          {
            kind: 'OTHER',
            monthlyAmount: '100.00',
            currency: 'EUR',
            validFrom: '2024-01-01',
            validTo: '2024-06-15',
          },
        ],
      }),
    );
    expect(p.lines.filter((l) => l.code.startsWith('ALLOWANCE_'))).toEqual([
      {
        code: 'ALLOWANCE_REMOTE_WORK',
        description: 'Remote work allowance 50.00/month, 30/30 days',
        amount: '50.00',
        taxable: false,
      },
      {
        code: 'ALLOWANCE_TRAVEL',
        description: 'Travel allowance 90.00/month, 20/30 days',
        amount: '60.00',
        taxable: false,
      },
      {
        code: 'ALLOWANCE_OTHER',
        description: 'Allowance 100.00/month, 15/30 days',
        amount: '50.00',
        taxable: true,
      },
    ]);
    expect(p).toMatchObject({
      gross: '6000.00',
      allowances: '160.00',
      taxableAllowances: '50.00',
      pensionEmployee: '300.00',
    });
    // Taxable: 6000 + 50 - 300 = 5750 -> 200 + 750 + 750 x 40% = 1250.00, all three slices.
    expect(p).toMatchObject({
      taxableIncome: '5750.00',
      wageWithholding: '1250.00',
      deductions: '1550.00',
      net: '4610.00',
    });
    // The lines add up to net, and the taxable lines to taxable income.
    const sum = (taxableOnly: boolean) =>
      p.lines.filter((l) => !taxableOnly || l.taxable).reduce((s, l) => s.plus(l.amount), new Money(0));
    expect(sum(false).toFixed(2)).toBe(p.net);
    expect(sum(true).toFixed(2)).toBe(p.taxableIncome);
  });

  it('pays allowances only for employed days, honours a taxable override and the configured defaults', () => {
    const hire = employee({
      startDate: '2024-06-16',
      allowances: [
        {
          kind: 'REMOTE_WORK',
          monthlyAmount: '50.00',
          currency: 'EUR',
          validFrom: '2024-01-01',
          validTo: null,
        },
        {
          kind: 'TRAVEL',
          monthlyAmount: '30.00',
          currency: 'EUR',
          validFrom: '2024-01-01',
          validTo: null,
          taxable: true,
        },
        { kind: 'OTHER', monthlyAmount: '10.00', currency: 'EUR', validFrom: '2024-07-01', validTo: null },
      ],
    });
    const p = payslip(hire);
    expect(amountOf(p, 'ALLOWANCE_REMOTE_WORK')).toEqual(['25.00']);
    expect(p.lines.find((l) => l.code === 'ALLOWANCE_TRAVEL')).toMatchObject({
      amount: '15.00',
      taxable: true,
    });
    expect(amountOf(p, 'ALLOWANCE_OTHER')).toEqual([]);
    expect(p).toMatchObject({ allowances: '40.00', taxableAllowances: '15.00' });

    const taxedRemote = payrollRules({
      withholdingBrackets: brackets,
      allowanceTaxable: { REMOTE_WORK: true },
    });
    const q = calculatePayslip({ employee: hire, period: '2024-06', rules: taxedRemote })!;
    expect(q.taxableAllowances).toBe('40.00');
  });

  it('refuses an allowance in another currency, an unknown kind, or a float amount', () => {
    const withAllowance = (a: object) =>
      employee({
        allowances: [
          {
            kind: 'REMOTE_WORK',
            monthlyAmount: '50.00',
            currency: 'EUR',
            validFrom: '2024-01-01',
            validTo: null,
            ...a,
          },
        ] as never,
      });
    expect(() => payslip(withAllowance({ currency: 'USD' }))).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => payslip(withAllowance({ kind: 'BONUS' }))).toThrow(
      expect.objectContaining({ field: 'allowances[0].kind' }),
    );
    expect(() => payslip(withAllowance({ monthlyAmount: 50 }))).toThrow(/decimal string/);
    expect(() => payslip(withAllowance({ validTo: '2023-12-31' }))).toThrow(DomainError);
  });
});

describe('payroll rules', () => {
  it('uses a configurable pension rate and leaves the line out at 0%', () => {
    const seven = payrollRules({ withholdingBrackets: brackets, pensionEmployeeRate: '0.07' });
    const p = calculatePayslip({ employee: employee(), period: '2024-06', rules: seven })!;
    expect(p.pensionEmployee).toBe('210.00');
    expect(p.lines[1].description).toBe('Employee pension 7% of gross 3000.00');
    const none = payrollRules({ withholdingBrackets: brackets, pensionEmployeeRate: '0' });
    const q = calculatePayslip({ employee: employee(), period: '2024-06', rules: none })!;
    expect(q.lines.map((l) => l.code)).toEqual(['BASE_SALARY', 'WAGE_WITHHOLDING']);
    expect(q.net).toBe('2550.00'); // 3000 - (200 + 1000 x 25%)
    expect(() => payrollRules({ withholdingBrackets: brackets, pensionEmployeeRate: '1.5' })).toThrow(
      DomainError,
    );
  });

  it('refuses a bad period, overlapping contracts and contracts in two currencies within the month', () => {
    expect(() => calculatePayslip({ employee: employee(), period: '2024-6', rules })).toThrow(/YYYY-MM/);
    expect(() =>
      payslip(employee({ contracts: [contract(), contract({ startDate: '2024-06-01' })] })),
    ).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    const twoCurrencies = employee({
      contracts: [
        contract({ endDate: '2024-06-10' }),
        contract({ startDate: '2024-06-11', currency: 'USD' }),
      ],
    });
    expect(() => payslip(twoCurrencies)).toThrow(/one currency/);
  });
});
