import {
  type CalendarMonth,
  type DayNumber,
  overlapDays,
  parsePeriod,
  toDay,
  toEndDay,
} from '../contracts/calendar.js';
import { type ContractVersion, contractSharesWithin } from '../contracts/contract.rules.js';
import { badInput, DomainError, conflict } from '@backoffice/kit/errors';
import { periodRules, type RulePack, type RulesOn } from '../rule-packs/rule-pack.js';
import {
  type CountryPaySettings,
  countryPayLines,
  DEFAULT_COUNTRY_PAY,
  type WorkdaySummary,
} from './country-pay.js';
import {
  type Amount,
  formatMoney,
  formatPercent,
  parseAmount,
  parseCurrency,
  parseRate,
  toCents,
  ZERO,
} from './money.js';
import { DEFAULT_NL_PREMIUMS, type NlPremiumSettings, type WageTaxTable } from './nl-payslip.js';
import { payslipTax } from './payslip-tax.js';
import { parseBracketTable, type WithholdingTable } from './withholding.js';

export type AllowanceKind = 'REMOTE_WORK' | 'TRAVEL' | 'OTHER';
export const ALLOWANCE_KINDS: readonly AllowanceKind[] = ['REMOTE_WORK', 'TRAVEL', 'OTHER'];

/** A recurring monthly allowance, paid pro rata for the days of the period it is valid and employed. */
export interface AllowanceInput {
  kind: AllowanceKind;
  monthlyAmount: string;
  currency: string;
  validFrom: string;
  /** Last day paid, inclusive; null while open-ended. */
  validTo: string | null;
  /** Overrides the rule's default for the kind (REMOTE_WORK and TRAVEL untaxed, OTHER taxed). */
  taxable?: boolean;
}

/** What payroll needs to know of one employee; plain data the lead loads from the database. */
export interface PayrollEmployee {
  employeeId: string;
  /** The department's cost center, which accounting books the payroll against. */
  costCenter: string;
  /** First day of employment. */
  startDate: string;
  /** Last day of employment (termination), inclusive; null while employed. */
  endDate: string | null;
  contracts: readonly ContractVersion[];
  allowances?: readonly AllowanceInput[];
  /** The employee's work country (ISO alpha-2): its rule pack applies, if there is one. */
  country?: string;
  /** The contract pays the holiday allowance every month instead of once a year. */
  holidayAllowanceMonthly?: boolean;
  /** Holiday allowance reserved on earlier finalized payslips and not paid out yet, default "0". */
  holidayAllowanceReserve?: string;
  /** The period's registered home-working and office days. */
  workdays?: WorkdaySummary | null;
  /** Whether this employer applies the wage tax credit (NL loonheffingskorting), default yes. */
  wageTaxCredit?: boolean;
  /** The NL wage tax table, default WHITE. */
  wageTaxTable?: WageTaxTable;
  /** YYYY-MM-DD when known: the NL table differs from the AOW age on. */
  dateOfBirth?: string | null;
}

/** Validated payroll settings; build them once per run with `payrollRules`. */
export interface PayrollRules {
  pensionEmployeeRate: Amount;
  withholding: WithholdingTable;
  taxableByKind: Readonly<Record<AllowanceKind, boolean>>;
  /** Country rule packs by country; none means the generic rules for everyone. */
  packs: ReadonlyMap<string, RulePack>;
  countryPay: CountryPaySettings;
  nlPremiums: NlPremiumSettings;
  /** The rules of a country for a period (null: generic), worked out once per country and period. */
  rulesFor(country: string | undefined, period: string): RulesOn | null;
}

export interface PayrollRulesInput {
  /** The bracket table as JSON text or parsed JSON (see `withholding-brackets.sample.json`). */
  withholdingBrackets: unknown;
  /** Employee pension contribution as a share of gross, default "0.05". */
  pensionEmployeeRate?: string;
  /** Which allowance kinds count as taxable income when an allowance does not say. */
  allowanceTaxable?: Partial<Record<AllowanceKind, boolean>>;
  packs?: ReadonlyMap<string, RulePack>;
  countryPay?: Partial<CountryPaySettings>;
  nlPremiums?: Partial<NlPremiumSettings>;
}

export const DEFAULT_PENSION_EMPLOYEE_RATE = '0.05';
export const DEFAULT_ALLOWANCE_TAXABLE: Readonly<Record<AllowanceKind, boolean>> = {
  REMOTE_WORK: false,
  TRAVEL: false,
  OTHER: true,
};

export function payrollRules(input: PayrollRulesInput): PayrollRules {
  const pensionEmployeeRate = parseRate(
    input.pensionEmployeeRate ?? DEFAULT_PENSION_EMPLOYEE_RATE,
    'pensionEmployeeRate',
  );
  if (pensionEmployeeRate.greaterThan(1)) {
    throw badInput('pensionEmployeeRate must be within [0, 1]', 'pensionEmployeeRate');
  }
  const packs = input.packs ?? new Map<string, RulePack>();
  const cache = new Map<string, RulesOn | null>();
  return {
    pensionEmployeeRate,
    withholding: parseBracketTable(input.withholdingBrackets),
    taxableByKind: { ...DEFAULT_ALLOWANCE_TAXABLE, ...input.allowanceTaxable },
    packs,
    countryPay: { ...DEFAULT_COUNTRY_PAY, ...input.countryPay },
    nlPremiums: { ...DEFAULT_NL_PREMIUMS, ...input.nlPremiums },
    rulesFor(country, period) {
      if (!country || packs.size === 0) return null;
      const key = `${country}|${period}`;
      if (!cache.has(key)) cache.set(key, periodRules(packs, country, period));
      return cache.get(key) ?? null;
    },
  };
}

/**
 * One explained line. Earnings are positive, deductions negative, so the paid lines add up to net pay
 * (informational lines, such as the holiday allowance reserve, are shown but not paid).
 * `taxable` says whether the line enters taxable income: salary and taxable allowances do, the pension
 * contribution does too (it lowers it), untaxed allowances and the withholding itself do not. So taxable
 * income is the sum of the taxable lines.
 */
export interface PayslipLine {
  code: string;
  description: string;
  amount: string;
  taxable: boolean;
  /** A line shown for information only (the holiday allowance reserve): not paid, not in net. */
  informational?: boolean;
}

/** The employer's contributions of a payslip: its EMPLOYER_* lines, which are not withheld. */
export const employerContributionsOf = (lines: readonly PayslipLine[]): string =>
  formatMoney(
    lines.filter((l) => l.code.startsWith('EMPLOYER_')).reduce((sum, l) => sum.plus(l.amount), ZERO),
  );

/** A payslip; all amounts are decimal strings with 2 decimals, deductions as a positive total. */
export interface Payslip {
  employeeId: string;
  costCenter: string;
  period: string;
  currency: string;
  /** Days of the period paid under a contract, out of `daysInPeriod`. */
  daysPaid: number;
  daysInPeriod: number;
  gross: string;
  allowances: string;
  taxableAllowances: string;
  pensionEmployee: string;
  taxableIncome: string;
  wageWithholding: string;
  deductions: string;
  net: string;
  /** What the employer pays on top (NL: Zvw levy, AWf, Aof, Wko), not deducted; "0.00" without a pack. */
  employerContributions: string;
  lines: PayslipLine[];
}

const ALLOWANCE_NAMES: Record<AllowanceKind, string> = {
  REMOTE_WORK: 'Remote work allowance',
  TRAVEL: 'Travel allowance',
  OTHER: 'Allowance',
};

const line = (code: string, description: string, amount: Amount, taxable: boolean): PayslipLine => ({
  code,
  description,
  amount: formatMoney(amount),
  taxable,
});

/** The share of a monthly amount for `days` of a `daysInMonth` month, rounded to cents once. */
const proRata = (monthly: Amount, days: number, daysInMonth: number): Amount =>
  days === daysInMonth ? toCents(monthly) : toCents(monthly.times(days).dividedBy(daysInMonth));

/**
 * The payslip of one employee for a month, or null when no day of the month is both within the
 * employment and under a contract (not employed: no payslip). Throws DomainError on bad data.
 */
export function calculatePayslip(input: {
  employee: PayrollEmployee;
  period: string;
  rules: PayrollRules;
}): Payslip | null {
  return payslipForMonth(input.employee, parsePeriod(input.period), input.rules);
}

/** A payslip with its amounts still as Decimals, so that a run totals them without parsing strings again. */
export interface ComputedPayslip {
  payslip: Payslip;
  gross: Amount;
  allowances: Amount;
  pension: Amount;
  withholding: Amount;
  net: Amount;
}

/** `calculatePayslip` with the period already parsed, so that a run parses it once. */
export function payslipForMonth(
  employee: PayrollEmployee,
  month: CalendarMonth,
  rules: PayrollRules,
): Payslip | null {
  return computePayslip(employee, month, rules)?.payslip ?? null;
}

export function computePayslip(
  employee: PayrollEmployee,
  month: CalendarMonth,
  rules: PayrollRules,
): ComputedPayslip | null {
  const employedFrom = Math.max(toDay(employee.startDate, 'startDate'), month.firstDay);
  const employedTo = Math.min(toEndDay(employee.endDate, 'endDate'), month.lastDay);
  if (employedTo < employedFrom) return null;

  const lines: PayslipLine[] = [];
  let currency: string | null = null;
  let gross = ZERO;
  let daysPaid = 0;
  for (const share of contractSharesWithin(employee.contracts, employedFrom, employedTo)) {
    const contract = share.version;
    if (currency !== null && contract.currency !== currency) {
      throw conflict(
        `contracts in ${month.period} are in ${currency} and ${contract.currency}; one payslip needs one currency`,
        'contracts',
      );
    }
    currency = contract.currency;
    const amount = proRata(share.monthlySalary.times(share.fte), share.days, month.days);
    gross = gross.plus(amount);
    daysPaid += share.days;
    const description = `Base salary ${formatMoney(share.monthlySalary)} x FTE ${share.fte.toString()}, ${share.days}/${month.days} days`;
    lines.push(line('BASE_SALARY', description, amount, true));
  }
  if (currency === null) return null;

  let allowances = ZERO;
  let taxableAllowances = ZERO;
  const list = employee.allowances ?? [];
  for (let i = 0; i < list.length; i++) {
    const amount = allowanceLine(list[i], i, currency, employedFrom, employedTo, month, rules, lines);
    if (amount === null) continue;
    allowances = allowances.plus(amount);
    if (lines[lines.length - 1].taxable) taxableAllowances = taxableAllowances.plus(amount);
  }

  const countryRules = rules.rulesFor(employee.country, month.period);
  let specialReward = ZERO;
  if (countryRules) {
    const extra = countryPayLines({
      rules: countryRules,
      settings: rules.countryPay,
      month,
      gross,
      endDate: employee.endDate,
      holidayAllowanceMonthly: employee.holidayAllowanceMonthly ?? false,
      holidayAllowanceReserve: parseAmount(
        employee.holidayAllowanceReserve ?? '0',
        'holidayAllowanceReserve',
      ),
      workdays: employee.workdays ?? null,
    });
    for (const l of extra) {
      // Paid once a year or on leaving, the holiday allowance is a special reward (bijzondere beloning).
      if (l.code === 'HOLIDAY_ALLOWANCE' && !employee.holidayAllowanceMonthly) specialReward = l.amount;
      lines.push({
        ...line(l.code, l.description, l.amount, l.taxable),
        ...(l.informational ? { informational: true } : {}),
      });
      if (l.informational) continue;
      allowances = allowances.plus(l.amount);
      if (l.taxable) taxableAllowances = taxableAllowances.plus(l.amount);
    }
  }

  const pension = toCents(gross.times(rules.pensionEmployeeRate));
  if (!rules.pensionEmployeeRate.isZero()) {
    const description = `Employee pension ${formatPercent(rules.pensionEmployeeRate)} of gross ${formatMoney(gross)}`;
    lines.push(line('PENSION_EMPLOYEE', description, pension.negated(), true));
  }

  const taxableIncome = gross.plus(taxableAllowances).minus(pension);
  const { withholding, employerContributions } = payslipTax({
    employee,
    countryRules,
    rules,
    taxableIncome,
    specialReward,
    lines,
  });

  const deductions = pension.plus(withholding);
  const net = gross.plus(allowances).minus(deductions);
  const payslip: Payslip = {
    employeeId: employee.employeeId,
    costCenter: employee.costCenter,
    period: month.period,
    currency,
    daysPaid,
    daysInPeriod: month.days,
    gross: formatMoney(gross),
    allowances: formatMoney(allowances),
    taxableAllowances: formatMoney(taxableAllowances),
    pensionEmployee: formatMoney(pension),
    taxableIncome: formatMoney(taxableIncome),
    wageWithholding: formatMoney(withholding),
    deductions: formatMoney(deductions),
    net: formatMoney(net),
    employerContributions: formatMoney(employerContributions),
    lines,
  };
  return { payslip, gross, allowances, pension, withholding, net };
}

/** Adds the line of one allowance for the employed days it is valid; returns its amount, or null if none. */
function allowanceLine(
  allowance: AllowanceInput,
  index: number,
  currency: string,
  employedFrom: DayNumber,
  employedTo: DayNumber,
  month: CalendarMonth,
  rules: PayrollRules,
  lines: PayslipLine[],
): Amount | null {
  const at = `allowances[${index}]`;
  if (!ALLOWANCE_KINDS.includes(allowance.kind)) {
    throw badInput(`${at}.kind must be one of ${ALLOWANCE_KINDS.join(', ')}`, `${at}.kind`);
  }
  const from = toDay(allowance.validFrom, `${at}.validFrom`);
  const to = toEndDay(allowance.validTo, `${at}.validTo`);
  if (to < from)
    throw badInput(
      `${at} ends ${allowance.validTo} before it starts ${allowance.validFrom}`,
      `${at}.validTo`,
    );
  const days = overlapDays(from, to, employedFrom, employedTo);
  if (days === 0) return null;
  const monthly = parseAmount(allowance.monthlyAmount, `${at}.monthlyAmount`);
  if (parseCurrency(allowance.currency, `${at}.currency`) !== currency) {
    throw conflict(
      `${at} is paid in ${allowance.currency} but the contract is in ${currency}; convert it first`,
      `${at}.currency`,
    );
  }
  const amount = proRata(monthly, days, month.days);
  const taxable = allowance.taxable ?? rules.taxableByKind[allowance.kind];
  const description = `${ALLOWANCE_NAMES[allowance.kind]} ${formatMoney(monthly)}/month, ${days}/${month.days} days`;
  lines.push(line(`ALLOWANCE_${allowance.kind}`, description, amount, taxable));
  return amount;
}

/** Re-throws an employee's rule error naming the employee, so a failed run says whom to fix. */
export function inEmployee(error: unknown, employeeId: string, index: number): unknown {
  if (!(error instanceof DomainError)) return error;
  return new DomainError(
    error.code,
    `employee ${employeeId}: ${error.message}`,
    error.field ? `employees[${index}].${error.field}` : `employees[${index}]`,
  );
}
