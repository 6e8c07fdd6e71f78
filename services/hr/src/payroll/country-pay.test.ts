import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseBsn } from '../employees/employee.rules.js';
import { loadRulePacks } from '../rule-packs/rule-pack.js';
import { Money } from './money.js';
import { calculatePayslip, type PayrollEmployee, payrollRules } from './payroll.rules.js';

const brackets = readFileSync(new URL('./withholding-brackets.sample.json', import.meta.url), 'utf8');
const packs = loadRulePacks();
const nlRules = payrollRules({ withholdingBrackets: brackets, packs });

const employee = (overrides: Partial<PayrollEmployee> = {}): PayrollEmployee => ({
  employeeId: 'e1',
  costCenter: 'CC-NL',
  startDate: '2025-01-01',
  endDate: null,
  country: 'NL',
  contracts: [
    {
      monthlySalary: '3000.00',
      currency: 'EUR',
      fte: 1,
      weeklyHours: 40,
      startDate: '2025-01-01',
      endDate: null,
    },
  ],
  ...overrides,
});
const slip = (e: PayrollEmployee, period: string, rules = nlRules) =>
  calculatePayslip({ employee: e, period, rules })!;
const lines = (p: ReturnType<typeof slip>, code: string) => p.lines.filter((l) => l.code === code);

describe('NL holiday allowance (vakantiegeld)', () => {
  it('reserves 8 % of a 3000 gross, 240.00, shown on the payslip but not paid and not in net', () => {
    const p = slip(employee(), '2026-03');
    const [reserved] = lines(p, 'HOLIDAY_ALLOWANCE_RESERVED');
    expect(reserved).toMatchObject({ amount: '240.00', taxable: false, informational: true });
    expect(reserved.description).toMatch(/8% of gross 3000.00.*wetten\.overheid\.nl/);
    expect(lines(p, 'HOLIDAY_ALLOWANCE')).toEqual([]);
    // The reserve changes neither gross nor net: net is gross less pension and loonheffing.
    expect(p.net).toBe(new Money(p.gross).minus(p.pensionEmployee).minus(p.wageWithholding).toFixed(2));
    expect(p.allowances).toBe('0.00');
    // Paid lines still add up to net.
    const paid = p.lines.filter((l) => !l.informational).reduce((s, l) => s.plus(l.amount), new Money(0));
    expect(paid.toFixed(2)).toBe(p.net);
  });

  it('pays the reserve out in May (taxable), monthly when the contract says so, and pro rata on leaving', () => {
    const may = slip(employee({ holidayAllowanceReserve: '2640.00' }), '2026-05');
    expect(lines(may, 'HOLIDAY_ALLOWANCE')[0]).toMatchObject({ amount: '2880.00', taxable: true });
    expect(may.allowances).toBe('2880.00');
    expect(may.taxableAllowances).toBe('2880.00');

    const monthly = slip(employee({ holidayAllowanceMonthly: true }), '2026-03');
    expect(lines(monthly, 'HOLIDAY_ALLOWANCE')[0]).toMatchObject({ amount: '240.00', taxable: true });

    // Leaves on 15 June 2026 (30-day month): half a month's salary, 1500.00, accrues 120.00 on top of the reserve.
    const leaving = slip(employee({ endDate: '2026-06-15', holidayAllowanceReserve: '240.00' }), '2026-06');
    expect(leaving.gross).toBe('1500.00');
    expect(lines(leaving, 'HOLIDAY_ALLOWANCE')[0]).toMatchObject({ amount: '360.00' });
    expect(lines(leaving, 'HOLIDAY_ALLOWANCE')[0].description).toMatch(/pro rata on leaving/);
  });

  it('refuses a company rate below the minimum', () => {
    const low = payrollRules({
      withholdingBrackets: brackets,
      packs,
      countryPay: { holidayAllowanceRate: new Money('0.05') },
    });
    expect(() => slip(employee(), '2026-03', low)).toThrow(/below the NL minimum of 8%/);
  });
});

describe('NL home-working and commuting allowances', () => {
  it('pays 10 home-working days in 2026 at 2.45: 24.50 tax-free, and says why', () => {
    const p = slip(employee({ workdays: { homeDays: 10, officeDays: 0, commuteKm: '0' } }), '2026-03');
    const [home] = lines(p, 'HOME_WORKING_ALLOWANCE');
    expect(home).toMatchObject({ amount: '24.50', taxable: false });
    expect(home.description).toMatch(/registered HOME.*not commuting/);
    expect(p.allowances).toBe('24.50');
    expect(p.taxableAllowances).toBe('0.00');
  });

  it('uses the rate of the period: 2.40 in December 2025, 2.45 in January 2026', () => {
    const days = { homeDays: 10, officeDays: 0, commuteKm: '0' };
    expect(lines(slip(employee({ workdays: days }), '2025-12'), 'HOME_WORKING_ALLOWANCE')[0].amount).toBe(
      '24.00',
    );
    expect(lines(slip(employee({ workdays: days }), '2026-01'), 'HOME_WORKING_ALLOWANCE')[0].amount).toBe(
      '24.50',
    );
  });

  it('pays commuting per registered km at 0.23 and the company rate above the tax-free one as taxable', () => {
    const days = { homeDays: 4, officeDays: 8, commuteKm: '400' };
    const p = slip(employee({ workdays: days }), '2026-03');
    expect(lines(p, 'COMMUTING_ALLOWANCE')).toEqual([
      expect.objectContaining({ amount: '92.00', taxable: false }),
    ]);
    const generous = payrollRules({
      withholdingBrackets: brackets,
      packs,
      countryPay: { homeWorkingDailyRate: new Money('3.00'), commutingKmRate: new Money('0.30') },
    });
    const q = slip(employee({ workdays: days }), '2026-03', generous);
    expect(lines(q, 'HOME_WORKING_ALLOWANCE').map((l) => [l.amount, l.taxable])).toEqual([
      ['9.80', false],
      ['2.20', true],
    ]);
    expect(lines(q, 'COMMUTING_ALLOWANCE').map((l) => [l.amount, l.taxable])).toEqual([
      ['92.00', false],
      ['28.00', true],
    ]);
    expect(q.taxableAllowances).toBe('30.20');
  });

  it('gives a country without a pack the generic payslip, and refuses a period without NL rules', () => {
    const generic = slip(
      employee({ country: 'BE', workdays: { homeDays: 10, officeDays: 0, commuteKm: '0' } }),
      '2027-03',
    );
    expect(generic.lines.map((l) => l.code)).toEqual(['BASE_SALARY', 'PENSION_EMPLOYEE', 'WAGE_WITHHOLDING']);
    expect(() => slip(employee(), '2027-03')).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: expect.stringMatching(/period 2027-03 has no NL rules/),
      }),
    );
  });
});

describe('BSN', () => {
  it('knows a valid and an invalid BSN by the eleven-test', () => {
    expect(normaliseBsn('123456782')).toBe('123456782');
    expect(() => normaliseBsn('123456789')).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/eleven-test/) }),
    );
  });
});
