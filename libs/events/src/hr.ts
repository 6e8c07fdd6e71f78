import { z } from 'zod';
import { defineEvent } from './contract.js';

/**
 * hr's events. Payloads carry what consumers need to act (IT's onboarding checklist, compliance's
 * acknowledgements, documents' retention, accounting's payroll booking) and no pay or personal data
 * beyond names and work email: the audit trail keeps every payload forever.
 *
 * Money is a decimal string; dates are YYYY-MM-DD; instants ISO 8601.
 */

const producer = 'hr';
const workLocation = z.enum(['OFFICE', 'REMOTE', 'HYBRID']);

export const employeeHired = defineEvent({
  producer,
  aggregate: 'employee',
  verb: 'hired',
  summary: 'A new employee: who, in which department and cost center, from when and where.',
  schema: z.object({
    employeeId: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string(),
    departmentId: z.string(),
    departmentName: z.string(),
    costCenter: z.string(),
    managerId: z.string().nullable(),
    startDate: z.string(),
    workLocation,
    workCountry: z.string(),
    position: z.string().nullable().optional(),
  }),
});

export const employeeTerminated = defineEvent({
  producer,
  aggregate: 'employee',
  verb: 'terminated',
  summary: 'An employee leaves on endDate.',
  schema: z.object({
    employeeId: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string(),
    departmentId: z.string(),
    managerId: z.string().nullable(),
    endDate: z.string(),
  }),
});

export const employeeUpdated = defineEvent({
  producer,
  aggregate: 'employee',
  verb: 'updated',
  summary:
    'An employee record changed: the names of the changed fields only; values of personal fields stay in hr.',
  schema: z.object({
    employeeId: z.string(),
    changedFields: z.array(z.string()),
    workLocation,
    departmentId: z.string(),
  }),
});

export const contractChanged = defineEvent({
  producer,
  aggregate: 'contract',
  verb: 'changed',
  summary: "An employee's contract changes from effectiveFrom; its terms (pay above all) stay in hr.",
  schema: z.object({ employeeId: z.string(), effectiveFrom: z.string() }),
});

export const workdayRegistered = defineEvent({
  producer,
  aggregate: 'workday',
  verb: 'registered',
  summary: 'A day worked (office, home, ...) registered or corrected for an employee.',
  schema: z.object({
    employeeId: z.string(),
    date: z.string(),
    kind: z.string(),
    updated: z.boolean(),
  }),
});

export const departmentCreated = defineEvent({
  producer,
  aggregate: 'department',
  verb: 'created',
  summary: 'A new department and its cost center.',
  schema: z.object({
    departmentId: z.string(),
    name: z.string(),
    costCenter: z.string(),
    parentId: z.string().nullable(),
  }),
});

export const allowanceSet = defineEvent({
  producer,
  aggregate: 'allowance',
  verb: 'set',
  summary: "An employee's allowance of a kind set (or ended) from validFrom; the amount stays in hr.",
  schema: z.object({
    employeeId: z.string(),
    kind: z.string(),
    validFrom: z.string(),
    ended: z.boolean(),
  }),
});

export const payrollRunCreated = defineEvent({
  producer,
  aggregate: 'payroll_run',
  verb: 'created',
  summary: 'A payroll run opened for a period (YYYY-MM).',
  schema: z.object({ payrollRunId: z.string(), period: z.string() }),
});

export const payrollRunCalculated = defineEvent({
  producer,
  aggregate: 'payroll_run',
  verb: 'calculated',
  summary: 'A payroll run (re)calculated: how many payslips, no amounts.',
  schema: z.object({ payrollRunId: z.string(), period: z.string(), payslips: z.number() }),
});

const payrollTotals = z.object({
  grossSalary: z.string(),
  allowances: z.string(),
  pensionEmployee: z.string(),
  wageWithholding: z.string(),
  netPay: z.string(),
  /** Holiday allowance reserved this period (expense against a payable); present when a country pack applies. */
  holidayAllowanceAccrued: z.string().optional(),
  /** The part of `allowances` that pays earlier reserves out (settles the payable, not a new expense). */
  holidayAllowancePaid: z.string().optional(),
  /**
   * What the employer pays on top of the wage and does not withhold (NL: Zvw levy, AWf, Aof, Wko):
   * outside the balance salary + allowances = net + pension + withholding; present when a pack computes it.
   */
  employerContributions: z.string().optional(),
});

const payrollCostCenter = payrollTotals.extend({ costCenter: z.string() });
/** One cost center's share of a finalized payroll run; salary + allowances = net + pension + withholding. */
export type PayrollCostCenterTotals = z.infer<typeof payrollCostCenter>;

export const payrollRunFinalized = defineEvent({
  producer,
  aggregate: 'payroll_run',
  verb: 'finalized',
  summary: 'A payroll run finalized (four eyes): totals per cost center for accounting to book.',
  schema: z.object({
    payrollRunId: z.string(),
    /** YYYY-MM */
    period: z.string(),
    /** The last day of the period: the booking date of the run's journal entry. */
    bookingDate: z.string(),
    currency: z.string(),
    totals: payrollTotals,
    /** What accounting books, per cost center and account; pay per employee never leaves hr. */
    costCenters: z.array(payrollCostCenter),
    /** The user who finalized the run (a second person, four eyes): the booking's author. */
    finalizedBy: z.string(),
  }),
});

/**
 * One employee's payslip of a finalized run as the PDF they download from documents (a payslip is a
 * fiscal record documents keeps seven years). The only event with one person's pay: it carries it to
 * its one consumer, and the audit trail stores it without the file (compliance's redaction list).
 */
export const payslipIssued = defineEvent({
  producer,
  aggregate: 'payslip',
  verb: 'issued',
  summary: "A finalized run's payslip as a PDF for documents to file for the employee (payslip retention).",
  schema: z.object({
    payrollRunId: z.string(),
    employeeId: z.string(),
    /** YYYY-MM */
    period: z.string(),
    fileName: z.string(),
    mimeType: z.literal('application/pdf'),
    contentBase64: z.string(),
    /** SHA-256 of the bytes, hex: documents refuses a file that does not match. */
    sha256: z.string(),
  }),
});

/*
 * A leave request as it travels outside hr (requested, decided, cancelled): the kind of leave is hr's
 * alone, so sick leave cannot be told from any other; every request is plain `LEAVE`.
 */

export const leaveRequested = defineEvent({
  producer,
  aggregate: 'leave',
  verb: 'requested',
  summary: 'Leave requested: who, when, how many days; never the kind of leave (sick leave is health data).',
  schema: z.object({
    leaveRequestId: z.string(),
    employeeId: z.string(),
    managerId: z.string().nullable(),
    type: z.literal('LEAVE'),
    startDate: z.string(),
    endDate: z.string(),
    days: z.number(),
  }),
});

export const leaveDecided = defineEvent({
  producer,
  aggregate: 'leave',
  verb: 'decided',
  summary: 'A leave request approved or rejected.',
  schema: z.object({
    leaveRequestId: z.string(),
    employeeId: z.string(),
    status: z.string(),
    days: z.number(),
  }),
});

export const leaveCancelled = defineEvent({
  producer,
  aggregate: 'leave',
  verb: 'cancelled',
  summary: 'A leave request cancelled by the employee or hr.',
  schema: z.object({ leaveRequestId: z.string(), employeeId: z.string() }),
});
