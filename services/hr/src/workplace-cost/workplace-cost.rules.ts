import { civilToDay, type DayNumber, toDay, toEndDay } from '../contracts/calendar.js';
import { type Amount, formatMoney, parseAmount, toCents, ZERO } from '../payroll/money.js';
import { badInput, conflict } from '@backoffice/kit/errors';

export type WorkLocation = 'OFFICE' | 'REMOTE' | 'HYBRID';
const WORK_LOCATIONS: readonly WorkLocation[] = ['OFFICE', 'REMOTE', 'HYBRID'];

/** Where an employee worked from `from` to `to` (inclusive; null while current). */
export interface WorkLocationPeriod {
  location: WorkLocation;
  from: string;
  to: string | null;
}

/** An allowance paid for a month, e.g. a finalized payslip's ALLOWANCE_REMOTE_WORK line. */
export interface AllowancePayment {
  /** The payroll period 'YYYY-MM' it was paid for. */
  period: string;
  kind: string;
  amount: string;
}

export interface WorkplaceCostEmployee {
  employeeId: string;
  /** Employment dates, when known: a month whose 15th is outside them does not count, whatever the location history says. */
  startDate?: string | null;
  endDate?: string | null;
  workLocations: readonly WorkLocationPeriod[];
  allowancePayments: readonly AllowancePayment[];
}

export interface WorkplaceCostRow {
  employeeId: string;
  monthsRemote: number;
  /** The 'YYYY-MM' months counted as remote, for the report's drill-down. */
  remoteMonths: string[];
  seatCostAvoided: string;
  allowancesPaid: string;
  netSaving: string;
}

export interface WorkplaceCostReport {
  year: number;
  officeSeatMonthlyCost: string;
  rows: WorkplaceCostRow[];
  totalSeatCostAvoided: string;
  totalAllowancesPaid: string;
  totalNetSaving: string;
}

/** The day of the month on which the work location decides whether the month counts as remote. */
export const REMOTE_REFERENCE_DAY = 15;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function locationDays(periods: readonly WorkLocationPeriod[], employeeId: string) {
  const dated = periods
    .map((p, i) => {
      const at = `workLocations[${i}]`;
      if (!WORK_LOCATIONS.includes(p.location)) {
        throw badInput(
          `employee ${employeeId}: ${at}.location must be OFFICE, REMOTE or HYBRID`,
          `${at}.location`,
        );
      }
      const from = toDay(p.from, `${at}.from`);
      const to = toEndDay(p.to, `${at}.to`);
      if (to < from) throw badInput(`employee ${employeeId}: ${at} ends before it starts`, `${at}.to`);
      return { location: p.location, from, to };
    })
    .sort((a, b) => a.from - b.from);
  for (let i = 1; i < dated.length; i++) {
    if (dated[i - 1].to >= dated[i].from) {
      throw conflict(`employee ${employeeId}: work location periods overlap`, 'workLocations');
    }
  }
  return dated;
}

const locationOn = (periods: { location: WorkLocation; from: DayNumber; to: DayNumber }[], day: DayNumber) =>
  periods.find((p) => p.from <= day && day <= p.to)?.location ?? null;

/**
 * What remote work saves in a year. A month counts as remote when the employee's work location on the
 * 15th is REMOTE: one clear day, so that a move mid-month counts for the half of the month it mostly
 * covers and each month counts at most once. HYBRID does not count, since a hybrid employee still needs
 * a seat. Only employees remote in at least one month get a row. For them:
 *   seatCostAvoided = monthsRemote x officeSeatMonthlyCost
 *   allowancesPaid  = REMOTE_WORK allowance payments for those remote months (payments for other months,
 *                     e.g. while HYBRID, are not set against seats that were not avoided)
 *   netSaving       = seatCostAvoided - allowancesPaid (negative when the allowance costs more than a seat).
 * Rows keep the input order; totals add the rows.
 */
export function workplaceCostReport(input: {
  year: number;
  officeSeatMonthlyCost: string;
  employees: readonly WorkplaceCostEmployee[];
}): WorkplaceCostReport {
  const { year } = input;
  if (!Number.isInteger(year) || year < 1900 || year > 9999)
    throw badInput(`year ${year} is not a year`, 'year');
  const seatCost = parseAmount(input.officeSeatMonthlyCost, 'officeSeatMonthlyCost');
  const rows: WorkplaceCostRow[] = [];
  let totalSeat: Amount = ZERO;
  let totalAllowances: Amount = ZERO;
  for (const employee of input.employees) {
    const periods = locationDays(employee.workLocations, employee.employeeId);
    const employedFrom =
      employee.startDate == null ? Number.MIN_SAFE_INTEGER : toDay(employee.startDate, 'startDate');
    const employedTo = toEndDay(employee.endDate, 'endDate');
    const remoteMonths: string[] = [];
    for (let month = 1; month <= 12; month++) {
      const day = civilToDay(year, month, REMOTE_REFERENCE_DAY);
      if (day >= employedFrom && day <= employedTo && locationOn(periods, day) === 'REMOTE') {
        remoteMonths.push(`${year}-${pad2(month)}`);
      }
    }
    if (remoteMonths.length === 0) continue;
    let allowancesPaid: Amount = ZERO;
    employee.allowancePayments.forEach((payment, i) => {
      if (payment.kind !== 'REMOTE_WORK' || !remoteMonths.includes(payment.period)) return;
      allowancesPaid = allowancesPaid.plus(
        toCents(parseAmount(payment.amount, `allowancePayments[${i}].amount`)),
      );
    });
    const seatCostAvoided = toCents(seatCost.times(remoteMonths.length));
    totalSeat = totalSeat.plus(seatCostAvoided);
    totalAllowances = totalAllowances.plus(allowancesPaid);
    rows.push({
      employeeId: employee.employeeId,
      monthsRemote: remoteMonths.length,
      remoteMonths,
      seatCostAvoided: formatMoney(seatCostAvoided),
      allowancesPaid: formatMoney(allowancesPaid),
      netSaving: formatMoney(seatCostAvoided.minus(allowancesPaid)),
    });
  }
  return {
    year,
    officeSeatMonthlyCost: seatCost.decimalPlaces() <= 2 ? formatMoney(seatCost) : seatCost.toFixed(),
    rows,
    totalSeatCostAvoided: formatMoney(totalSeat),
    totalAllowancesPaid: formatMoney(totalAllowances),
    totalNetSaving: formatMoney(totalSeat.minus(totalAllowances)),
  };
}
