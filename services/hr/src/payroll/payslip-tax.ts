import type { RulesOn } from '../rule-packs/rule-pack.js';
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
