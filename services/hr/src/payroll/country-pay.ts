import { fromDay, type CalendarMonth } from '../contracts/calendar.js';
import { badInput } from '@backoffice/kit/errors';
import { cite, ruleAmount, type RulesOn } from '../rule-packs/rule-pack.js';
import { type Amount, formatMoney, formatPercent, Money, toCents, ZERO } from './money.js';

/** Rule names of the country packs that payroll reads. */
export const RULES = {
  holidayAllowanceRate: 'holidayAllowance.minimumRate',
  homeWorkingPerDay: 'homeWorkingAllowance.taxFreePerDay',
  commutingPerKm: 'commutingAllowance.taxFreePerKm',
} as const;

/** The company's own pay settings for the country rules (config), each optional. */
export interface CountryPaySettings {
  /** Holiday allowance as a share of gross; never below the country's minimum. */
  holidayAllowanceRate: Amount | null;
  /** The month (1-12) the reserved holiday allowance is paid out, default 5 (May). */
  holidayAllowancePayoutMonth: number;
  /** What the company pays per home-working day; default the year's tax-free amount. */
  homeWorkingDailyRate: Amount | null;
  /** What the company pays per commuting km; default the year's tax-free amount. */
  commutingKmRate: Amount | null;
}

export const DEFAULT_COUNTRY_PAY: CountryPaySettings = {
  holidayAllowanceRate: null,
  holidayAllowancePayoutMonth: 5,
  homeWorkingDailyRate: null,
  commutingKmRate: null,
};

/** The registered workdays of a period, summed (a day is either HOME or OFFICE, never both). */
export interface WorkdaySummary {
  homeDays: number;
  officeDays: number;
  /** Kilometres of the OFFICE days' registered return trips. */
  commuteKm: string;
}

export interface CountryPayInput {
  rules: RulesOn;
  settings: CountryPaySettings;
  month: CalendarMonth;
  gross: Amount;
  /** Last day employed (termination) or null. */
  endDate: string | null;
  holidayAllowanceMonthly: boolean;
  /** Holiday allowance reserved on earlier finalized payslips and not yet paid out. */
  holidayAllowanceReserve: Amount;
  workdays: WorkdaySummary | null;
}

export interface CountryPayLine {
  code: string;
  description: string;
  amount: Amount;
  taxable: boolean;
  /** Shown for information (a reserve), not paid and not in net. */
  informational?: boolean;
}

/**
 * The lines a country pack adds to a payslip: the holiday allowance reserved this month (shown, not
 * paid) and its payout, and the home-working and commuting allowances from the registered workdays,
 * tax-free up to the year's amounts and taxable above them.
 */
export function countryPayLines(input: CountryPayInput): CountryPayLine[] {
  const { rules, settings, month } = input;
  const lines: CountryPayLine[] = [];
  const year = rules.date.slice(0, 4);

  const minimum = ruleAmount(rules, RULES.holidayAllowanceRate);
  const rate = settings.holidayAllowanceRate ?? minimum;
  if (rate.lessThan(minimum))
    throw badInput(
      `the holiday allowance rate ${formatPercent(rate)} is below the ${rules.country} minimum of ${formatPercent(minimum)}`,
      'HOLIDAY_ALLOWANCE_RATE',
    );
  const accrued = toCents(input.gross.times(rate));
  const leaving = input.endDate !== null && input.endDate <= fromDay(month.lastDay);
  const payoutMonth = month.month === settings.holidayAllowancePayoutMonth;
  const paidOut = input.holidayAllowanceMonthly || payoutMonth || leaving;
  lines.push({
    code: 'HOLIDAY_ALLOWANCE_RESERVED',
    description:
      `Holiday allowance ${formatPercent(rate)} of gross ${formatMoney(input.gross)} reserved this month, not paid now ` +
      `(${rules.country} minimum ${formatPercent(minimum)}: ${cite(rules, RULES.holidayAllowanceRate)})`,
    amount: accrued,
    taxable: false,
    informational: true,
  });
  if (paidOut) {
    const amount = input.holidayAllowanceMonthly ? accrued : input.holidayAllowanceReserve.plus(accrued);
    const why = input.holidayAllowanceMonthly
      ? 'paid monthly as the contract says'
      : leaving
        ? `paid out pro rata on leaving (${input.endDate}): reserve ${formatMoney(input.holidayAllowanceReserve)} + this month ${formatMoney(accrued)}`
        : `the yearly payout: reserve ${formatMoney(input.holidayAllowanceReserve)} + this month ${formatMoney(accrued)}`;
    if (!amount.isZero())
      lines.push({
        code: 'HOLIDAY_ALLOWANCE',
        description: `Holiday allowance ${why}`,
        amount,
        taxable: true,
      });
  }

  const days = input.workdays;
  if (days && days.homeDays > 0) {
    const taxFree = ruleAmount(rules, RULES.homeWorkingPerDay);
    lines.push(
      ...splitTaxFree({
        code: 'HOME_WORKING_ALLOWANCE',
        quantity: new Money(days.homeDays),
        companyRate: settings.homeWorkingDailyRate ?? taxFree,
        taxFreeRate: taxFree,
        what: `${days.homeDays} home-working day(s)`,
        unit: 'day',
        choice:
          'these days were registered HOME, so the home-working allowance (not commuting) is the tax-free one on them',
        source: `${rules.country} ${year}: ${cite(rules, RULES.homeWorkingPerDay)}`,
      }),
    );
  }
  const km = days ? new Money(days.commuteKm) : ZERO;
  if (days && days.officeDays > 0 && km.greaterThan(0)) {
    const taxFree = ruleAmount(rules, RULES.commutingPerKm);
    lines.push(
      ...splitTaxFree({
        code: 'COMMUTING_ALLOWANCE',
        quantity: km,
        companyRate: settings.commutingKmRate ?? taxFree,
        taxFreeRate: taxFree,
        what: `${km.toString()} km over ${days.officeDays} office day(s), return trips as registered`,
        unit: 'km',
        choice:
          'these days were registered OFFICE, so commuting (not the home-working allowance) is the tax-free one on them',
        source: `${rules.country} ${year}: ${cite(rules, RULES.commutingPerKm)}`,
      }),
    );
  }
  return lines;
}

/** The tax-free line (up to the year's rate) and, when the company pays more, the taxable rest. */
function splitTaxFree(a: {
  code: string;
  quantity: Amount;
  companyRate: Amount;
  taxFreeRate: Amount;
  what: string;
  unit: string;
  choice: string;
  source: string;
}): CountryPayLine[] {
  const freeRate = a.companyRate.lessThan(a.taxFreeRate) ? a.companyRate : a.taxFreeRate;
  const lines: CountryPayLine[] = [
    {
      code: a.code,
      description: `${a.what} x ${freeRate.toFixed(2)} per ${a.unit} tax-free; ${a.choice} (${a.source})`,
      amount: toCents(a.quantity.times(freeRate)),
      taxable: false,
    },
  ];
  if (a.companyRate.greaterThan(a.taxFreeRate)) {
    const above = a.companyRate.minus(a.taxFreeRate);
    lines.push({
      code: a.code,
      description: `${a.what} x ${above.toString()} per ${a.unit} paid above the tax-free ${a.taxFreeRate.toFixed(2)}: taxable`,
      amount: toCents(a.quantity.times(above)),
      taxable: true,
    });
  }
  return lines;
}
