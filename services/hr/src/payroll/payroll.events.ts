import { type Data, hr } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import { Decimal } from 'decimal.js';
import type { PayrollRun, PayslipRow } from './payroll.entity.js';
import { employerContributionsOf as employerContributionsOfLines, type Payslip } from './payroll.rules.js';
import { payslipPdf, sha256Of } from './payslip-pdf.js';
import { totalsByCostCenterAndComponent } from './payroll-run.js';

/** The holiday allowance reserved and paid out on a cost center's payslips, when a country pack made any. */
function holidayAllowanceOf(
  rows: PayslipRow[],
  costCenter: string,
): { holidayAllowanceAccrued?: string; holidayAllowancePaid?: string } {
  let accrued = new Decimal(0);
  let paid = new Decimal(0);
  let any = false;
  for (const r of rows) {
    if (r.costCenter !== costCenter) continue;
    for (const l of r.lines) {
      if (l.code === 'HOLIDAY_ALLOWANCE_RESERVED') accrued = accrued.plus(l.amount);
      else if (l.code === 'HOLIDAY_ALLOWANCE') paid = paid.plus(l.amount);
      else continue;
      any = true;
    }
  }
  return any ? { holidayAllowanceAccrued: accrued.toFixed(2), holidayAllowancePaid: paid.toFixed(2) } : {};
}

/** The employer's contributions on a cost center's payslips (EMPLOYER_* lines), when a pack computed any. */
function employerContributionsOf(rows: PayslipRow[], costCenter: string): { employerContributions?: string } {
  let total = new Decimal(0);
  let any = false;
  for (const r of rows) {
    if (r.costCenter !== costCenter) continue;
    for (const l of r.lines)
      if (l.code.startsWith('EMPLOYER_')) {
        total = total.plus(l.amount);
        any = true;
      }
  }
  return any ? { employerContributions: total.toFixed(2) } : {};
}

/** The run's employer contributions, when a pack computed any. */
function employerTotal(rows: PayslipRow[]): { employerContributions?: string } {
  const lines = rows.flatMap((r) => r.lines.filter((l) => l.code.startsWith('EMPLOYER_')));
  if (lines.length === 0) return {};
  return { employerContributions: lines.reduce((t, l) => t.plus(l.amount), new Decimal(0)).toFixed(2) };
}

/**
 * The event accounting books: totals per cost center and component (each component is an account), and
 * who finalized the run. Nothing per employee: pay stays in hr (the audit trail keeps every event).
 */
export function payrollRunFinalizedData(
  run: PayrollRun,
  rows: PayslipRow[],
): Data<typeof hr.payrollRunFinalized> {
  const payslips = rows.map(
    (r) => ({ ...r, period: run.period, taxableAllowances: '0', taxableIncome: '0' }) as unknown as Payslip,
  );
  const byCostCenter = totalsByCostCenterAndComponent(payslips);
  const [year, month] = run.period.split('-').map(Number);
  const bookingDate = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  const sum = (pick: (c: (typeof byCostCenter)[number]) => string) =>
    byCostCenter.reduce((total, c) => total.plus(pick(c)), new Decimal(0)).toFixed(2);
  return {
    payrollRunId: run.id,
    period: run.period,
    bookingDate,
    currency: run.currency ?? 'EUR',
    totals: {
      grossSalary: sum((c) => c.grossSalary),
      allowances: sum((c) => c.allowances),
      pensionEmployee: sum((c) => c.pensionWithheld),
      wageWithholding: sum((c) => c.wageWithholding),
      netPay: sum((c) => c.netPay),
      ...employerTotal(rows),
    },
    costCenters: byCostCenter.map((c) => ({
      costCenter: c.costCenter,
      grossSalary: c.grossSalary,
      allowances: c.allowances,
      pensionEmployee: c.pensionWithheld,
      wageWithholding: c.wageWithholding,
      netPay: c.netPay,
      // The holiday allowance reserved this period (accounting books expense against a payable) and the
      // part of `allowances` that pays the reserve out.
      ...holidayAllowanceOf(rows, c.costCenter),
      ...employerContributionsOf(rows, c.costCenter),
    })),
    finalizedBy: run.finalizedBy as string,
  };
}

export const payrollRunCreated = (run: PayrollRun, actor: Identity) =>
  domainEvent(hr.payrollRunCreated, run.id, { payrollRunId: run.id, period: run.period }, actor);

/** How many payslips, no amounts. */
export const payrollRunCalculated = (run: PayrollRun, payslips: number, actor: Identity) =>
  domainEvent(hr.payrollRunCalculated, run.id, { payrollRunId: run.id, period: run.period, payslips }, actor);

export const payrollRunFinalized = (run: PayrollRun, rows: PayslipRow[], actor: Identity) =>
  domainEvent(hr.payrollRunFinalized, run.id, payrollRunFinalizedData(run, rows), actor);

/** What the PDF of a payslip prints about its employee besides the lines. */
export interface PayslipHolder {
  name: string;
  wageTaxCredit: boolean;
  wageTaxTable: string;
}

/** One employee's payslip PDF, for documents to file and the employee to download. */
export function payslipIssued(run: PayrollRun, row: PayslipRow, holder: PayslipHolder, actor: Identity) {
  const pdf = payslipPdf({
    employeeName: holder.name,
    period: run.period,
    currency: row.currency,
    lines: row.lines,
    gross: row.gross,
    net: row.net,
    employerContributions: employerContributionsOfLines(row.lines),
    wageTaxCredit: holder.wageTaxCredit,
    wageTaxTable: holder.wageTaxTable,
  });
  return domainEvent(
    hr.payslipIssued,
    row.id,
    {
      payrollRunId: run.id,
      employeeId: row.employeeId,
      period: run.period,
      fileName: `loonstrook-${run.period}.pdf`,
      mimeType: 'application/pdf' as const,
      contentBase64: pdf.toString('base64'),
      sha256: sha256Of(pdf),
    },
    actor,
  );
}
