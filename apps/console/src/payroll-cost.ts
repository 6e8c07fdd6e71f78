import { formatCents, toCents } from './money.js';

/**
 * The payroll cost per month drawn on the payroll screen, added up in the console from the finalized
 * runs' totals (a handful of rows; the graph has no cost-per-month query). Amounts stay Decimal strings,
 * added as integer cents. Pure code: the tests load it in Node.
 */
export interface CostRun {
  period: string;
  status: string;
  currency?: string | null;
  totalGross: string;
  totalAllowances: string;
  totalEmployerContributions: string;
}

/** One month's cost: what the employer paid as gross, allowances and contributions on top, and their sum. */
export interface MonthCost {
  period: string;
  currency: string;
  gross: string;
  allowances: string;
  employerContributions: string;
  total: string;
}

/** The `count` months up to and including `upTo` (YYYY-MM), oldest first. */
export function lastMonths(count: number, upTo: string): string[] {
  const [year, month] = upTo.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/**
 * Per month of `months` that has a finalized run, oldest first: its runs' totals added up. Months without
 * one are left out rather than shown as nothing paid: their payroll is not done yet.
 */
export function monthlyCost(runs: readonly CostRun[], months: readonly string[]): MonthCost[] {
  const sums = new Map<string, { currency: string; cents: [bigint, bigint, bigint] }>();
  for (const run of runs) {
    if (run.status !== 'FINALIZED' || !months.includes(run.period)) continue;
    const sum = sums.get(run.period) ?? { currency: run.currency ?? 'EUR', cents: [0n, 0n, 0n] };
    const parts = [run.totalGross, run.totalAllowances, run.totalEmployerContributions].map(
      (amount) => toCents(amount) ?? 0n,
    );
    sum.cents = [sum.cents[0] + parts[0], sum.cents[1] + parts[1], sum.cents[2] + parts[2]];
    sums.set(run.period, sum);
  }
  return months.flatMap((period) => {
    const sum = sums.get(period);
    if (!sum) return [];
    const [gross, allowances, employer] = sum.cents;
    return [
      {
        period,
        currency: sum.currency,
        gross: formatCents(gross),
        allowances: formatCents(allowances),
        employerContributions: formatCents(employer),
        total: formatCents(gross + allowances + employer),
      },
    ];
  });
}

/** The current month (UTC) as YYYY-MM, where the chart's twelve months end unless the user picks another. */
export const thisMonth = (now: Date = new Date()) => now.toISOString().slice(0, 7);
