import { readFileSync } from 'node:fs';
import { seededRandom } from '@backoffice/testkit';
import { describe, expect, it } from 'vitest';
import type { ContractVersion } from '../contracts/contract.rules.js';
import { DomainError } from '@backoffice/kit/errors';
import { Money } from './money.js';
import { calculatePayrollRun, totalsByCostCenterAndComponent } from './payroll-run.js';
import type { PayrollEmployee } from './payroll.rules.js';
import { payrollRules } from './payroll.rules.js';

const rules = payrollRules({
  withholdingBrackets: readFileSync(new URL('./withholding-brackets.sample.json', import.meta.url), 'utf8'),
});

const contract = (overrides: Partial<ContractVersion> = {}): ContractVersion => ({
  monthlySalary: '3000.00',
  currency: 'EUR',
  fte: 1,
  startDate: '2024-01-01',
  endDate: null,
  ...overrides,
});

const staff: PayrollEmployee[] = [
  {
    employeeId: 'ana',
    costCenter: 'CC-200',
    startDate: '2024-01-01',
    endDate: null,
    contracts: [contract()],
  },
  {
    employeeId: 'ben',
    costCenter: 'CC-100',
    startDate: '2024-06-16',
    endDate: null,
    contracts: [contract({ startDate: '2024-06-16', fte: '0.8' })],
    allowances: [
      {
        kind: 'REMOTE_WORK',
        monthlyAmount: '50.00',
        currency: 'EUR',
        validFrom: '2024-06-16',
        validTo: null,
      },
    ],
  },
  {
    employeeId: 'cleo',
    costCenter: 'CC-200',
    startDate: '2024-01-01',
    endDate: null,
    contracts: [
      contract({ endDate: '2024-06-10' }),
      contract({ startDate: '2024-06-11', monthlySalary: '3600.00' }),
    ],
  },
  {
    employeeId: 'dan',
    costCenter: 'CC-100',
    startDate: '2023-01-01',
    endDate: '2024-05-31',
    contracts: [contract()],
  },
];

describe('calculatePayrollRun', () => {
  it('calculates everyone employed, skips who is not, and totals the rounded payslips', () => {
    const run = calculatePayrollRun(staff, '2024-06', rules);
    expect(run.period).toBe('2024-06');
    expect(run.currency).toBe('EUR');
    expect(run.notEmployed).toEqual(['dan']);
    expect(run.payslips.map((p) => [p.employeeId, p.gross, p.allowances, p.deductions, p.net])).toEqual([
      ['ana', '3000.00', '0.00', '562.50', '2437.50'],
      ['ben', '1200.00', '25.00', '174.00', '1051.00'], // pension 60.00, withholding 114.00 on 1140.00
      ['cleo', '3400.00', '0.00', '677.50', '2722.50'],
    ]);
    expect(run.totals).toEqual({
      payslips: 3,
      gross: '7600.00',
      allowances: '25.00',
      pensionEmployee: '380.00',
      wageWithholding: '1034.00',
      deductions: '1414.00',
      net: '6211.00',
    });
  });

  it('answers an empty run with zero totals', () => {
    const run = calculatePayrollRun([staff[3]], '2024-06', rules);
    expect(run).toMatchObject({ currency: null, payslips: [], notEmployed: ['dan'] });
    expect(run.totals.net).toBe('0.00');
  });

  it('fails the whole run naming the employee whose data is wrong', () => {
    const broken = { ...staff[1], contracts: [contract({ fte: '2' })] };
    try {
      calculatePayrollRun([staff[0], broken], '2024-06', rules);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'employees[1].contracts[0].fte' });
      expect((e as Error).message).toMatch(/^employee ben: fte/);
    }
    expect(() => calculatePayrollRun([staff[0], staff[0]], '2024-06', rules)).toThrow(/twice/);
    const dollars = { ...staff[2], contracts: [contract({ currency: 'USD' })] };
    expect(() => calculatePayrollRun([staff[0], dollars], '2024-06', rules)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', field: 'employees[1].contracts' }),
    );
  });
});

describe('totalsByCostCenterAndComponent', () => {
  it('sums each cost center by component, balancing exactly', () => {
    const run = calculatePayrollRun(staff, '2024-06', rules);
    expect(totalsByCostCenterAndComponent(run.payslips)).toEqual([
      {
        costCenter: 'CC-100',
        currency: 'EUR',
        employees: 1,
        grossSalary: '1200.00',
        allowances: '25.00',
        pensionWithheld: '60.00',
        wageWithholding: '114.00',
        netPay: '1051.00',
      },
      {
        costCenter: 'CC-200',
        currency: 'EUR',
        employees: 2,
        grossSalary: '6400.00',
        allowances: '0.00',
        pensionWithheld: '320.00',
        wageWithholding: '920.00',
        netPay: '5160.00',
      },
    ]);
  });

  it('balances to the cent for many awkward salaries, and the cost centers add up to the run', () => {
    // A deterministic generator, so that a failure can be replayed.
    const { random: next } = seededRandom(42);
    const employees: PayrollEmployee[] = Array.from({ length: 500 }, (_, i) => {
      const salary = (1000 + next() * 9000).toFixed(2);
      const hireDay = 1 + Math.floor(next() * 31);
      const raiseDay = 2 + Math.floor(next() * 29);
      const startDate = next() < 0.3 ? `2024-07-${String(hireDay).padStart(2, '0')}` : '2024-01-01';
      const raise = `2024-07-${String(Math.max(raiseDay, hireDay + 1)).padStart(2, '0')}`;
      const split = next() < 0.4 && raise <= '2024-07-31' && raise > startDate;
      const fte = ['1', '0.8', '0.6', '0.5', '0.33'][Math.floor(next() * 5)];
      const contracts: ContractVersion[] = split
        ? [
            contract({
              startDate,
              endDate: `2024-07-${String(Number(raise.slice(8)) - 1).padStart(2, '0')}`,
              monthlySalary: salary,
              fte,
            }),
            contract({ startDate: raise, monthlySalary: new Money(salary).times('1.037').toFixed(2), fte }),
          ]
        : [contract({ startDate, monthlySalary: salary, fte })];
      return {
        employeeId: `e${i}`,
        costCenter: `CC-${i % 7}`,
        startDate,
        endDate: next() < 0.1 ? '2024-07-19' : null,
        contracts,
        allowances: [
          {
            kind: 'REMOTE_WORK',
            monthlyAmount: (next() * 100).toFixed(2),
            currency: 'EUR',
            validFrom: '2024-07-09',
            validTo: null,
          },
          {
            kind: 'OTHER',
            monthlyAmount: (next() * 300).toFixed(2),
            currency: 'EUR',
            validFrom: '2024-01-01',
            validTo: '2024-07-22',
          },
        ],
      };
    });
    const run = calculatePayrollRun(employees, '2024-07', rules);
    const byCenter = totalsByCostCenterAndComponent(run.payslips);
    expect(byCenter).toHaveLength(7);
    let gross = new Money(0);
    let net = new Money(0);
    for (const c of byCenter) {
      const expense = new Money(c.grossSalary).plus(c.allowances);
      expect(expense.toFixed(2)).toBe(
        new Money(c.netPay).plus(c.pensionWithheld).plus(c.wageWithholding).toFixed(2),
      );
      gross = gross.plus(c.grossSalary);
      net = net.plus(c.netPay);
    }
    expect(gross.toFixed(2)).toBe(run.totals.gross);
    expect(net.toFixed(2)).toBe(run.totals.net);
    for (const p of run.payslips) {
      const lines = p.lines.reduce((s, l) => s.plus(l.amount), new Money(0));
      expect(lines.toFixed(2)).toBe(p.net);
    }
  });

  it('refuses a payslip that does not balance rather than booking it', () => {
    const [p] = calculatePayrollRun([staff[0]], '2024-06', rules).payslips;
    expect(() => totalsByCostCenterAndComponent([{ ...p, net: '2437.49' }])).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });
});

describe('performance', () => {
  it('computes 10,000 payslips quickly (timing logged, not asserted)', () => {
    const employees: PayrollEmployee[] = Array.from({ length: 10_000 }, (_, i) => ({
      employeeId: `e${i}`,
      costCenter: `CC-${i % 25}`,
      startDate: i % 10 === 0 ? '2024-06-16' : '2020-01-01',
      endDate: i % 17 === 0 ? '2024-06-20' : null,
      contracts:
        i % 3 === 0
          ? [
              contract({
                startDate: '2020-01-01',
                endDate: '2024-06-10',
                monthlySalary: `${3000 + (i % 1000)}.17`,
              }),
              contract({ startDate: '2024-06-11', monthlySalary: `${3600 + (i % 1000)}.55`, fte: '0.8' }),
            ]
          : [contract({ startDate: '2020-01-01', monthlySalary: `${2500 + (i % 4000)}.00` })],
      allowances: [
        {
          kind: 'REMOTE_WORK',
          monthlyAmount: '50.00',
          currency: 'EUR',
          validFrom: '2023-01-01',
          validTo: null,
        },
      ],
    }));
    const started = performance.now();
    const run = calculatePayrollRun(employees, '2024-06', rules);
    const totals = totalsByCostCenterAndComponent(run.payslips);
    const ms = performance.now() - started;
    console.log(
      `payroll: ${run.payslips.length} payslips and ${totals.length} cost centers in ${ms.toFixed(0)} ms`,
    );
    expect(run.payslips).toHaveLength(10_000);
  });
});
