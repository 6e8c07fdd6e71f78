import { Decimal } from 'decimal.js';
import { ruleAmount, type RulesOn } from '../rule-packs/rule-pack.js';
import { type Amount, formatMoney, formatPercent, ZERO } from './money.js';
import type { WithholdingTable } from './withholding.js';

/**
 * Dutch loonheffing (loonbelasting + premie volksverzekeringen) for the white table, below the AOW age,
 * by the Belastingdienst's "Rekenvoorschriften voor de geautomatiseerde loonadministratie" (2026,
 * versie 2): the period wage is taken to an annual table wage, taxed by the brackets, less the general
 * tax credit and the employment tax credit when the employee has the employer apply the
 * loonheffingskorting, and the annual amount is brought back to the period. Every figure is a rule of
 * the NL pack (rule-packs/nl.json) with its source; a year without them is refused there.
 */
export const WAGE_TAX_RULES = {
  annualWageStep: 'wageTax.annualWageStep',
  highestTableWage: 'wageTax.highestTableWage',
  bracket1Until: 'wageTax.bracket1Until',
  bracket2Until: 'wageTax.bracket2Until',
  bracket1Rate: 'wageTax.bracket1Rate',
  bracket2Rate: 'wageTax.bracket2Rate',
  bracket3Rate: 'wageTax.bracket3Rate',
  generalMaximum: 'generalTaxCredit.maximum',
  generalPhaseOutFrom: 'generalTaxCredit.phaseOutFrom',
  generalPhaseOutUntil: 'generalTaxCredit.phaseOutUntil',
  generalPhaseOutRate: 'generalTaxCredit.phaseOutRate',
  employmentRate1: 'employmentTaxCredit.buildUpRate1',
  employmentRate2: 'employmentTaxCredit.buildUpRate2',
  employmentRate3: 'employmentTaxCredit.buildUpRate3',
  employmentFrom2: 'employmentTaxCredit.buildUpFrom2',
  employmentFrom3: 'employmentTaxCredit.buildUpFrom3',
  employmentMaximum1: 'employmentTaxCredit.maximum1',
  employmentMaximum2: 'employmentTaxCredit.maximum2',
  employmentMaximum3: 'employmentTaxCredit.maximum3',
  employmentPhaseOutFrom: 'employmentTaxCredit.phaseOutFrom',
  employmentPhaseOutUntil: 'employmentTaxCredit.phaseOutUntil',
  employmentPhaseOutRate: 'employmentTaxCredit.phaseOutRate',
  specialRewardWithoutCredit: 'specialReward.rateWithoutCredit',
  specialRewardWithCredit: 'specialReward.rateWithCredit',
} as const;

/** Monthly (12) and four-weekly (13) periods: the two a Dutch payroll runs. */
export type PeriodsPerYear = 12 | 13;

export interface NlWageTax {
  /** The annual table wage L: the period wage times the periods, down to the table's step. */
  annualTableWage: Amount;
  /** Tax and contributions on L by the brackets, before credits (whole euros). */
  annualTaxBeforeCredits: Amount;
  generalTaxCredit: Amount;
  employmentTaxCredit: Amount;
  /** max(0, tax - credits), whole euros. */
  annualTax: Amount;
  /** The period's loonheffing: annualTax / periods, to the cent. */
  periodTax: Amount;
  /** The period's tax without credits, as the tables' "zonder loonheffingskorting" column. */
  periodTaxWithoutCredit: Amount;
  /** The employment tax credit of the period, as the tables' "verrekende arbeidskorting" column. */
  periodEmploymentTaxCredit: Amount;
}

const amount = (rules: RulesOn, name: string): Amount => ruleAmount(rules, name);
const floorEuro = (a: Amount): Amount => a.toDecimalPlaces(0, Decimal.ROUND_FLOOR);
const ceilEuro = (a: Amount): Amount => a.toDecimalPlaces(0, Decimal.ROUND_CEIL);
// Rekenvoorschriften: each product of a credit's build-up or phase-out is rounded to 5 decimals.
const round5 = (a: Amount): Amount => a.toDecimalPlaces(5, Decimal.ROUND_HALF_UP);
const max = (a: Amount, b: Amount): Amount => (a.greaterThan(b) ? a : b);
const min = (a: Amount, b: Amount): Amount => (a.lessThan(b) ? a : b);

/**
 * L: the period wage times the periods in a year, rounded down to a multiple of the table step (Lv,
 * EUR 54 in 2026: the monthly table's rows are EUR 4.50 apart). Above the highest table wage (Lmax) the
 * tables end; there the wage is only rounded down to whole euros (not checked against a published row).
 */
export function annualTableWage(rules: RulesOn, periodWage: Amount, periods: PeriodsPerYear): Amount {
  if (!periodWage.greaterThan(0)) return ZERO;
  const annual = periodWage.times(periods);
  const step = amount(rules, WAGE_TAX_RULES.annualWageStep);
  const stepped = floorEuro(annual.dividedBy(step)).times(step);
  return stepped.greaterThan(amount(rules, WAGE_TAX_RULES.highestTableWage)) ? floorEuro(annual) : stepped;
}

/** The brackets' tax on L, each bracket's tax rounded down to whole euros before they are added. */
export function annualTaxBeforeCredits(rules: RulesOn, wage: Amount): Amount {
  const bounds = [
    [ZERO, amount(rules, WAGE_TAX_RULES.bracket1Until), amount(rules, WAGE_TAX_RULES.bracket1Rate)],
    [
      amount(rules, WAGE_TAX_RULES.bracket1Until),
      amount(rules, WAGE_TAX_RULES.bracket2Until),
      amount(rules, WAGE_TAX_RULES.bracket2Rate),
    ],
    [amount(rules, WAGE_TAX_RULES.bracket2Until), null, amount(rules, WAGE_TAX_RULES.bracket3Rate)],
  ] as const;
  let tax = ZERO;
  for (const [from, until, rate] of bounds) {
    if (!wage.greaterThan(from)) break;
    const top = until === null ? wage : min(wage, until);
    tax = tax.plus(floorEuro(top.minus(from).times(rate)));
  }
  return tax;
}

/** Algemene heffingskorting: the maximum up to g1, phased out to 0 at g2, rounded up to whole euros. */
export function generalTaxCredit(rules: RulesOn, wage: Amount): Amount {
  const maximum = amount(rules, WAGE_TAX_RULES.generalMaximum);
  const from = amount(rules, WAGE_TAX_RULES.generalPhaseOutFrom);
  if (!wage.greaterThan(from)) return maximum;
  if (!wage.lessThan(amount(rules, WAGE_TAX_RULES.generalPhaseOutUntil))) return ZERO;
  const rate = amount(rules, WAGE_TAX_RULES.generalPhaseOutRate);
  return max(ZERO, ceilEuro(maximum.minus(wage.minus(from).times(rate))));
}

/**
 * Arbeidskorting: three build-ups, each capped by its cumulative maximum, less the phase-out above g3;
 * each product to 5 decimals, the result rounded up to whole euros, 0 above g4.
 */
export function employmentTaxCredit(rules: RulesOn, wage: Amount): Amount {
  const r = (name: string) => amount(rules, name);
  if (wage.greaterThan(r(WAGE_TAX_RULES.employmentPhaseOutUntil))) return ZERO;
  const above = (from: Amount) => max(ZERO, wage.minus(from));
  const step1 = min(
    round5(r(WAGE_TAX_RULES.employmentRate1).times(wage)),
    r(WAGE_TAX_RULES.employmentMaximum1),
  );
  const step2 = min(
    step1.plus(round5(r(WAGE_TAX_RULES.employmentRate2).times(above(r(WAGE_TAX_RULES.employmentFrom2))))),
    r(WAGE_TAX_RULES.employmentMaximum2),
  );
  const step3 = min(
    step2.plus(round5(r(WAGE_TAX_RULES.employmentRate3).times(above(r(WAGE_TAX_RULES.employmentFrom3))))),
    r(WAGE_TAX_RULES.employmentMaximum3),
  );
  const phaseOut = round5(
    r(WAGE_TAX_RULES.employmentPhaseOutRate).times(above(r(WAGE_TAX_RULES.employmentPhaseOutFrom))),
  );
  return max(ZERO, ceilEuro(step3.minus(phaseOut)));
}

// The period amounts are the annual ones divided by the periods, to the nearest cent: the published
// monthly table's rows are reproduced that way (e.g. 9851 / 12 = 820.9166... is printed 820.92).
const perPeriod = (annual: Amount, periods: PeriodsPerYear): Amount =>
  annual.dividedBy(periods).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** The loonheffing of one period's regular (table) wage, with or without the loonheffingskorting. */
export function nlWageTax(
  rules: RulesOn,
  periodWage: Amount,
  periods: PeriodsPerYear,
  applyCredit: boolean,
): NlWageTax {
  const wage = annualTableWage(rules, periodWage, periods);
  const before = annualTaxBeforeCredits(rules, wage);
  const general = applyCredit ? generalTaxCredit(rules, wage) : ZERO;
  const employment = applyCredit ? employmentTaxCredit(rules, wage) : ZERO;
  const annualTax = max(ZERO, before.minus(general).minus(employment));
  return {
    annualTableWage: wage,
    annualTaxBeforeCredits: before,
    generalTaxCredit: general,
    employmentTaxCredit: employment,
    annualTax,
    periodTax: perPeriod(annualTax, periods),
    periodTaxWithoutCredit: perPeriod(before, periods),
    periodEmploymentTaxCredit: perPeriod(employment, periods),
  };
}

/** The row of a special-reward table whose annual-wage range holds `annualWage`. */
function rateAt(table: WithholdingTable, annualWage: Amount): Amount {
  let i = 0;
  while (table.brackets[i].to !== null && !annualWage.lessThan(table.brackets[i].to as Amount)) i++;
  return table.brackets[i].rate;
}

export interface NlSpecialRewardTax {
  annualWage: Amount;
  rate: Amount;
  tax: Amount;
}

/**
 * A bijzondere beloning (the May holiday allowance, a bonus) is taxed at the white special-reward
 * table's rate for the employee's annual wage, with or without the loonheffingskorting (the "with"
 * column already holds the credits' build-up or phase-out percentage), rounded to the cent.
 */
export function nlSpecialRewardTax(
  rules: RulesOn,
  reward: Amount,
  annualWage: Amount,
  applyCredit: boolean,
): NlSpecialRewardTax {
  const rule = rules.get(
    applyCredit ? WAGE_TAX_RULES.specialRewardWithCredit : WAGE_TAX_RULES.specialRewardWithoutCredit,
  );
  if (rule?.kind !== 'brackets') throw new Error('the special-reward table is not in the pack');
  const rate = rateAt(rule.value as WithholdingTable, floorEuro(annualWage));
  return {
    annualWage: floorEuro(annualWage),
    rate,
    tax: reward.times(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
  };
}

/** "table wage 4000.50 -> L 48006: 17326 - AHK 1947 - AK 5528 = 9851 / 12" for the payslip line. */
export function describeNlWageTax(t: NlWageTax, periods: PeriodsPerYear, applyCredit: boolean): string {
  const credits = applyCredit
    ? ` - algemene heffingskorting ${t.generalTaxCredit.toString()} - arbeidskorting ${t.employmentTaxCredit.toString()}`
    : ' (zonder loonheffingskorting)';
  return (
    `witte tabel: jaarloon ${t.annualTableWage.toString()}, belasting en premie ${t.annualTaxBeforeCredits.toString()}` +
    `${credits} = ${t.annualTax.toString()} per jaar / ${periods}`
  );
}

export const describeSpecialReward = (reward: Amount, t: NlSpecialRewardTax): string =>
  `bijzondere beloning ${formatMoney(reward)} x ${formatPercent(t.rate)} (tabel bijzondere beloningen, jaarloon ${t.annualWage.toString()})`;
