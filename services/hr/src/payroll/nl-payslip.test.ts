import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRulePacks } from '../rule-packs/rule-pack.js';
import { Money } from './money.js';
import { calculatePayslip, type PayrollEmployee, type Payslip, payrollRules } from './payroll.rules.js';

const brackets = readFileSync(new URL('./withholding-brackets.sample.json', import.meta.url), 'utf8');
const rules = payrollRules({
  withholdingBrackets: brackets,
  packs: loadRulePacks(),
  pensionEmployeeRate: '0.05',
});

/*
 * A salary of 4211.05 less the 5 % employee pension (210.55, deducted first) leaves a regular wage of
 * 4000.50: the row of the Belastingdienst's white monthly table 2026 (wit_mnd_nl_std_20260101.pdf, below
 * the AOW age) whose published loonheffing is 820.92 with and 1443.83 without the loonheffingskorting.
 */
const employee = (overrides: Partial<PayrollEmployee> = {}): PayrollEmployee => ({
  employeeId: 'e1',
  costCenter: 'CC-NL',
  startDate: '2025-01-01',
  endDate: null,
  country: 'NL',
  contracts: [
    {
      monthlySalary: '4211.05',
      currency: 'EUR',
      fte: 1,
      weeklyHours: 40,
      startDate: '2025-01-01',
      endDate: null,
    },
  ],
  ...overrides,
});
const slip = (e: PayrollEmployee, period: string) =>
  calculatePayslip({ employee: e, period, rules }) as Payslip;
const amountOf = (p: Payslip, code: string) => p.lines.find((l) => l.code === code)?.amount;
const paidLinesAddUpToNet = (p: Payslip) =>
  expect(
    p.lines
      .filter((l) => !l.informational)
      .reduce((s, l) => s.plus(l.amount), new Money(0))
      .toFixed(2),
  ).toBe(p.net);

describe('a Dutch payslip with loonheffing', () => {
  it('withholds the white table loonheffing on the wage after pension, with the loonheffingskorting', () => {
    const p = slip(employee(), '2026-03');
    expect(p.pensionEmployee).toBe('210.55');
    expect(amountOf(p, 'WAGE_WITHHOLDING')).toBe('-820.92');
    expect(p.wageWithholding).toBe('820.92');
    expect(p.net).toBe('3179.58');
    expect(p.lines.find((l) => l.code === 'WAGE_WITHHOLDING')?.description).toMatch(
      /jaarloon 48006.*algemene heffingskorting 1947 - arbeidskorting 5528 = 9851 per jaar \/ 12.*rekenvoorschriften/,
    );
    paidLinesAddUpToNet(p);
  });

  it('withholds without the credits when the employee has another employer apply them', () => {
    const p = slip(employee({ wageTaxCredit: false }), '2026-03');
    expect(p.wageWithholding).toBe('1443.83');
    expect(p.lines.find((l) => l.code === 'WAGE_WITHHOLDING')?.description).toMatch(
      /zonder loonheffingskorting/,
    );
  });

  it('taxes the May holiday allowance as a special reward at the special-reward table rate', () => {
    // Reserve 3705.68 + May's 8 % of 4211.05 (336.88) = 4042.56 paid out. The annual wage for the table:
    // 4000.50 x 12 + 4042.56 = 52048, in the row 45,593-78,426 of the white special-reward table 2026
    // (wit_bb_nl_std_20260101.pdf): 37.56 % + 12.91 % = 50.47 % with the loonheffingskorting.
    const may = slip(employee({ holidayAllowanceReserve: '3705.68' }), '2026-05');
    expect(amountOf(may, 'HOLIDAY_ALLOWANCE')).toBe('4042.56');
    expect(amountOf(may, 'WAGE_WITHHOLDING')).toBe('-820.92'); // the regular wage keeps its own table row
    expect(amountOf(may, 'WAGE_WITHHOLDING_SPECIAL_REWARD')).toBe('-2040.28');
    expect(may.wageWithholding).toBe('2861.20');
    paidLinesAddUpToNet(may);

    const without = slip(employee({ holidayAllowanceReserve: '3705.68', wageTaxCredit: false }), '2026-05');
    expect(amountOf(without, 'WAGE_WITHHOLDING_SPECIAL_REWARD')).toBe('-1518.39'); // 37.56 %
  });

  it('treats a holiday allowance paid every month as regular wage, not as a special reward', () => {
    const p = slip(employee({ holidayAllowanceMonthly: true }), '2026-03');
    expect(amountOf(p, 'WAGE_WITHHOLDING_SPECIAL_REWARD')).toBeUndefined();
    // 4000.50 + 336.88 = 4337.38 is in the table row 4333.50 (L = 52002).
    expect(p.lines.find((l) => l.code === 'WAGE_WITHHOLDING')?.description).toMatch(/jaarloon 52002/);
  });

  it("shows the employer's Zvw, AWf, Aof and Wko on the premium wage up to the monthly maximum, not withheld", () => {
    const march = slip(employee(), '2026-03');
    // 4000.50 x 6.10 % = 244.0305; x 2.74 % = 109.6137; x 6.27 % = 250.83135; x 0.50 % = 20.0025.
    expect(amountOf(march, 'EMPLOYER_ZVW')).toBe('244.03');
    expect(amountOf(march, 'EMPLOYER_AWF')).toBe('109.61');
    expect(amountOf(march, 'EMPLOYER_AOF')).toBe('250.83');
    expect(amountOf(march, 'EMPLOYER_WKO')).toBe('20.00');
    expect(march.employerContributions).toBe('624.47');
    expect(march.lines.filter((l) => l.code.startsWith('EMPLOYER_')).every((l) => l.informational)).toBe(
      true,
    );
    // In May the wage with the holiday allowance (8043.06) is above the maximum premium wage 6617.41.
    const may = slip(employee({ holidayAllowanceReserve: '3705.68' }), '2026-05');
    expect(amountOf(may, 'EMPLOYER_ZVW')).toBe('403.66');
    expect(may.employerContributions).toBe('1032.98');
  });

  it('refuses an employee at the AOW age, whose columns the pack does not compute', () => {
    expect(() => slip(employee({ dateOfBirth: '1959-03-31' }), '2026-03')).toThrow(
      /reaches the AOW age \(67\) on 2026-03-31: the NL pack computes the white table below the AOW age only/,
    );
    expect(slip(employee({ dateOfBirth: '1959-04-01' }), '2026-03').wageWithholding).toBe('820.92');
  });

  it('refuses the green table, which the pack does not compute', () => {
    expect(() => slip(employee({ wageTaxTable: 'GREEN' }), '2026-03')).toThrow(/green wage tax table/);
  });

  it('keeps the generic bracket table for a year before the pack computes wage tax', () => {
    const p = slip(employee(), '2025-12');
    expect(p.lines.find((l) => l.code === 'WAGE_WITHHOLDING')?.description).toMatch(
      /^Wage withholding on taxable income/,
    );
    expect(p.employerContributions).toBe('0.00');
  });
});
