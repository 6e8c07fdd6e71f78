import { badInput } from '@backoffice/kit/errors';
import { cite, ruleAmount, type RulesOn } from '../rule-packs/rule-pack.js';
import { type Amount, formatMoney, formatPercent, toCents, ZERO } from './money.js';
import {
  describeNlWageTax,
  describeSpecialReward,
  nlSpecialRewardTax,
  nlWageTax,
  type PeriodsPerYear,
  WAGE_TAX_RULES,
} from './nl-wage-tax.js';

/** White: wage from current employment (every employee here). Green: pensions and benefits. */
export type WageTaxTable = 'WHITE' | 'GREEN';

/** The company's premium classes for the employee insurances (config NL_AWF_PREMIUM, NL_AOF_PREMIUM). */
export interface NlPremiumSettings {
  /** LOW for a written permanent contract, HIGH otherwise (Wet WW art. 2.3.1). */
  awf: 'LOW' | 'HIGH';
  /** LOW for a small employer, HIGH for a medium or large one. */
  aof: 'LOW' | 'HIGH';
}

export const DEFAULT_NL_PREMIUMS: NlPremiumSettings = { awf: 'LOW', aof: 'LOW' };

export interface NlPayslipLine {
  code: string;
  description: string;
  amount: Amount;
  informational?: boolean;
}

export interface NlPayslipTax {
  lines: NlPayslipLine[];
  withholding: Amount;
  employerContributions: Amount;
}

/** Whether the period's NL rules compute the wage tax (they do from 2026; earlier years keep the generic table). */
export const hasNlWageTax = (rules: RulesOn | null): rules is RulesOn =>
  rules !== null && rules.get(WAGE_TAX_RULES.bracket1Rate) !== undefined;

/**
 * The Dutch wage tax and employer contributions of one payslip. The regular wage (salary, taxable
 * allowances, less the employee's pension contribution: it is deducted first) goes through the period
 * table; a special reward (the holiday allowance paid in May or on leaving) through the special-reward
 * table at the annual wage: the regular wage taken to a year plus the reward (the Handboek's derivation
 * for an employee without last year's wage here; last year's actual wage is not kept yet). The
 * employer's Zvw levy and AWf, Aof and Wko premiums are on the whole wage up to the period's maximum.
 */
export function nlPayslipTax(input: {
  rules: RulesOn;
  regularWage: Amount;
  specialReward: Amount;
  periods: PeriodsPerYear;
  applyCredit: boolean;
  table: WageTaxTable;
  premiums: NlPremiumSettings;
}): NlPayslipTax {
  const { rules, periods, applyCredit } = input;
  if (input.table === 'GREEN')
    throw badInput(
      'the employee is on the green wage tax table (pensions, benefits): the NL pack computes the white table only',
      'wageTaxTable',
    );
  const lines: NlPayslipLine[] = [];
  const tax = nlWageTax(rules, input.regularWage, periods, applyCredit);
  lines.push({
    code: 'WAGE_WITHHOLDING',
    description:
      `Loonheffing over loon ${formatMoney(input.regularWage)}: ${describeNlWageTax(tax, periods, applyCredit)} ` +
      `(${cite(rules, WAGE_TAX_RULES.bracket1Rate)})`,
    amount: tax.periodTax.negated(),
  });
  let withholding = tax.periodTax;
  if (input.specialReward.greaterThan(0)) {
    const annual = input.regularWage.times(periods).plus(input.specialReward);
    const special = nlSpecialRewardTax(rules, input.specialReward, annual, applyCredit);
    lines.push({
      code: 'WAGE_WITHHOLDING_SPECIAL_REWARD',
      description: `Loonheffing ${describeSpecialReward(input.specialReward, special)} (${cite(
        rules,
        applyCredit ? WAGE_TAX_RULES.specialRewardWithCredit : WAGE_TAX_RULES.specialRewardWithoutCredit,
      )})`,
      amount: special.tax.negated(),
    });
    withholding = withholding.plus(special.tax);
  }

  const maximum = ruleAmount(
    rules,
    periods === 12 ? 'employer.maxPremiumWagePerMonth' : 'employer.maxPremiumWagePerFourWeeks',
  );
  const wage = input.regularWage.plus(input.specialReward);
  const base = wage.greaterThan(maximum) ? maximum : wage.isNegative() ? ZERO : wage;
  let employer = ZERO;
  const contributions: [code: string, rule: string, what: string][] = [
    ['EMPLOYER_ZVW', 'employer.zvwRate', 'Werkgeversheffing Zvw'],
    [
      'EMPLOYER_AWF',
      input.premiums.awf === 'LOW' ? 'employer.awfLowRate' : 'employer.awfHighRate',
      `Premie AWf ${input.premiums.awf === 'LOW' ? 'laag' : 'hoog'}`,
    ],
    [
      'EMPLOYER_AOF',
      input.premiums.aof === 'LOW' ? 'employer.aofLowRate' : 'employer.aofHighRate',
      `Premie Aof ${input.premiums.aof === 'LOW' ? 'laag' : 'hoog'}`,
    ],
    ['EMPLOYER_WKO', 'employer.wkoRate', 'Opslag Wko'],
  ];
  for (const [code, rule, what] of contributions) {
    const rate = ruleAmount(rules, rule);
    const amount = toCents(base.times(rate));
    employer = employer.plus(amount);
    lines.push({
      code,
      description: `${what} ${formatPercent(rate)} over premieloon ${formatMoney(base)} (maximum ${formatMoney(maximum)}), werkgeverslast: niet ingehouden (${cite(rules, rule)})`,
      amount,
      informational: true,
    });
  }
  return { lines, withholding, employerContributions: employer };
}
