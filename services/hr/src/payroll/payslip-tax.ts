import { badInput } from '@backoffice/kit/errors';
import { ruleAmount, type RulesOn } from '../rule-packs/rule-pack.js';
import { type Amount, formatMoney, toCents, ZERO } from './money.js';
import { hasNlWageTax, nlPayslipTax } from './nl-payslip.js';
import type { PayrollEmployee, PayrollRules, PayslipLine } from './payroll.rules.js';
import { describeWithholding, progressiveWithholding } from './withholding.js';

const line = (code: string, description: string, amount: Amount, informational?: boolean): PayslipLine => ({
  code,
  description,
  amount: formatMoney(amount),
  taxable: false,
  ...(informational ? { informational: true } : {}),
});

/**
 * The pack computes the columns below the AOW age only: an employee who has reached it by the period's
 * last day (the pay date) is refused rather than taxed by the wrong column (AOW premium included).
 */
function assertBelowAowAge(rules: RulesOn, dateOfBirth: string | null): void {
  if (!dateOfBirth) return;
  const age = ruleAmount(rules, 'wageTax.aowAgeYears').toNumber();
  const reached = `${String(Number(dateOfBirth.slice(0, 4)) + age).padStart(4, '0')}${dateOfBirth.slice(4)}`;
  if (reached <= rules.date)
    throw badInput(
      `the employee reaches the AOW age (${age}) on ${reached}: the NL pack computes the white table below the AOW age only; the AOW-age columns are not built yet`,
      'dateOfBirth',
    );
}

/**
 * The wage tax of a payslip, adding its lines: the country's own (NL loonheffing, with the employer's
 * contributions shown for information) when its pack computes it for the period, else the generic
 * bracket table, the fallback for countries and years without a pack.
 */
export function payslipTax(input: {
  employee: PayrollEmployee;
  countryRules: RulesOn | null;
  rules: PayrollRules;
  taxableIncome: Amount;
  /** The part of taxable income that is a special reward (the holiday allowance's yearly payout). */
  specialReward: Amount;
  lines: PayslipLine[];
}): { withholding: Amount; employerContributions: Amount } {
  const { employee, countryRules, rules, taxableIncome, lines } = input;
  if (hasNlWageTax(countryRules)) {
    assertBelowAowAge(countryRules, employee.dateOfBirth ?? null);
    const nl = nlPayslipTax({
      rules: countryRules,
      // The employee's pension contribution is already out of taxable income: it is deducted first.
      regularWage: taxableIncome.minus(input.specialReward),
      specialReward: input.specialReward,
      periods: 12,
      applyCredit: employee.wageTaxCredit ?? true,
      table: employee.wageTaxTable ?? 'WHITE',
      premiums: rules.nlPremiums,
    });
    for (const l of nl.lines) lines.push(line(l.code, l.description, l.amount, l.informational));
    return { withholding: nl.withholding, employerContributions: nl.employerContributions };
  }
  const { tax, bracketIndex } = progressiveWithholding(taxableIncome, rules.withholding);
  const withholding = toCents(tax);
  const used = describeWithholding(taxableIncome, bracketIndex, rules.withholding);
  lines.push(
    line(
      'WAGE_WITHHOLDING',
      `Wage withholding on taxable income ${formatMoney(taxableIncome)}: ${used}`,
      withholding.negated(),
    ),
  );
  return { withholding, employerContributions: ZERO };
}
