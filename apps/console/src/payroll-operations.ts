import { graphql } from './generated/index.js';

/**
 * Payroll operations added after operations.ts filled up, typed by `pnpm codegen` like those and
 * validated against the composed graph by test/console/operations.test.ts.
 */

/**
 * What the cost-per-month chart needs of every run (it keeps the finalized ones of its months): totals
 * only, the employer's contributions summed by hr, so no payslip leaves the graph for the chart.
 */
export const PayrollCost = graphql(`query ConsolePayrollCost {
  payrollRuns { id period status currency totalGross totalAllowances totalEmployerContributions }
}`);
