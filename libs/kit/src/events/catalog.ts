/**
 * The event contracts between services: subject (= CloudEvents type) and payload of every event
 * another service consumes. Producers build these payloads, consumers read them; both import the
 * types from here, so a change to a payload is one reviewed change in one place. Payloads are
 * versioned by adding optional fields only; a breaking change gets a new event type.
 *
 * Money is a decimal string; dates are YYYY-MM-DD; instants ISO 8601.
 */

export const EVENTS = {
  employeeHired: 'backoffice.hr.employee.hired',
  employeeTerminated: 'backoffice.hr.employee.terminated',
  employeeUpdated: 'backoffice.hr.employee.updated',
  payrollRunFinalized: 'backoffice.hr.payroll_run.finalized',
  journalEntryPosted: 'backoffice.accounting.journal_entry.posted',
  journalEntryReversed: 'backoffice.accounting.journal_entry.reversed',
  journalEntryApprovalRequested: 'backoffice.accounting.journal_entry.approval_requested',
  approvalDecided: 'backoffice.compliance.approval.decided',
  legalHoldPlaced: 'backoffice.compliance.legal_hold.placed',
  legalHoldReleased: 'backoffice.compliance.legal_hold.released',
  legalHoldApplied: 'backoffice.documents.legal_hold.applied',
  legalHoldLifted: 'backoffice.documents.legal_hold.lifted',
  documentAccessRequested: 'backoffice.documents.document.access_requested',
  documentAccessGranted: 'backoffice.documents.document.access_granted',
  documentAccessRefused: 'backoffice.documents.document.access_refused',
  documentUploaded: 'backoffice.documents.document.uploaded',
  documentVersionAdded: 'backoffice.documents.document.version_added',
  documentDeleted: 'backoffice.documents.document.deleted',
  documentPurged: 'backoffice.documents.document.purged',
  ticketSlaBreached: 'backoffice.it.ticket.sla_breached',
} as const;

export interface EmployeeHiredData {
  employeeId: string;
  givenName: string;
  familyName: string;
  email: string;
  departmentId: string;
  departmentName: string;
  costCenter: string;
  managerId: string | null;
  startDate: string;
  workLocation: 'OFFICE' | 'REMOTE' | 'HYBRID';
  workCountry: string;
}

export interface EmployeeTerminatedData {
  employeeId: string;
  givenName: string;
  familyName: string;
  email: string;
  departmentId: string;
  managerId: string | null;
  endDate: string;
}

/** One cost center's share of a finalized payroll run; salary + allowances = net + pension + withholding. */
export interface PayrollCostCenterTotals {
  costCenter: string;
  grossSalary: string;
  allowances: string;
  pensionEmployee: string;
  wageWithholding: string;
  netPay: string;
  /** Holiday allowance reserved this period (expense against a payable); present when a country pack applies. */
  holidayAllowanceAccrued?: string;
  /** The part of `allowances` that pays earlier reserves out (settles the payable, not a new expense). */
  holidayAllowancePaid?: string;
}

export interface PayrollRunFinalizedData {
  payrollRunId: string;
  /** YYYY-MM */
  period: string;
  /** The last day of the period: the booking date of the run's journal entry. */
  bookingDate: string;
  currency: string;
  totals: Omit<PayrollCostCenterTotals, 'costCenter'>;
  /** What accounting books, per cost center and account; pay per employee never leaves hr. */
  costCenters: PayrollCostCenterTotals[];
  /** The user who finalized the run (a second person, four eyes): the booking's author. */
  finalizedBy: string;
}

/**
 * A leave request as it travels outside hr (requested, decided, cancelled): the kind of leave is hr's
 * alone, so sick leave cannot be told from any other; every request is plain `LEAVE`.
 */
export interface LeaveRequestedData {
  leaveRequestId: string;
  employeeId: string;
  managerId: string | null;
  type: 'LEAVE';
  startDate: string;
  endDate: string;
  days: number;
}

export interface JournalEntryApprovalRequestedData {
  journalEntryId: string;
  /** Always 'JournalEntry': the approval's subject type. */
  subjectType: 'JournalEntry';
  amount: string;
  currency: string;
  description: string;
  /** The user who authored the entry: never allowed to approve it. */
  authorUserId: string;
  /** The author's employee record, when they have one: no other login of theirs may approve either. */
  authorEmployeeId?: string | null;
  requiredRole: 'controller' | 'admin';
  /** 2 above the second threshold (the second step by an admin); absent in older events: 1. */
  stepsRequired?: 1 | 2;
  /** For a reversal waiting for approval: the posted entry it reverses. */
  reversalOf?: string | null;
}

export interface ApprovalDecidedData {
  approvalId: string;
  subjectType: string;
  subjectId: string;
  status: 'APPROVED' | 'REJECTED' | 'EXPIRED';
  decidedBy: string | null;
  comment: string | null;
  /**
   * The id of the event that asked for this approval (e.g. accounting's approval_requested): the owning
   * service applies only the decision on the approval it asked for. Null for approvals asked through the graph.
   */
  requestEventId?: string | null;
  /** The role the first step needed (the second step always needs an admin). */
  requiredRole?: string;
  stepsRequired?: number;
  /** Every step decided, in order, with the role it needed. */
  steps?: ApprovalStepData[];
}

export interface ApprovalStepData {
  step: number;
  role: string;
  decidedBy: string;
  approve: boolean;
}

export interface LegalHoldData {
  legalHoldId: string;
  documentId: string;
  reason: string;
  placedBy: string;
}

/**
 * documents' answer to a hold or a release: the second phase of a legal hold. `HELD`: the document can
 * no longer be deleted, replaced or purged (`documentDeleted` when it had been deleted just before:
 * its bytes are kept all the same); `NO_SUCH_DOCUMENT` / `PURGED`: there is nothing to hold.
 */
export interface LegalHoldAppliedData {
  legalHoldId: string;
  documentId: string;
  outcome: 'HELD' | 'NO_SUCH_DOCUMENT' | 'PURGED';
  documentDeleted: boolean;
}

export interface LegalHoldLiftedData {
  legalHoldId: string;
  documentId: string;
  /** Other holds on the same document still stand. */
  stillHeld: boolean;
}

/** A request for, a grant of, or a refusal of access to a document beyond what its classification allows. */
export interface DocumentAccessData {
  requestId: string;
  documentId: string;
  classification: 'PUBLIC' | 'INTERNAL' | 'CONFIDENTIAL' | 'STRICTLY_CONFIDENTIAL';
  /** The user who is (to be) let in. */
  userId: string;
  requestedBy: string;
  /** The second person; null while requested. */
  decidedBy: string | null;
}

/**
 * Who keeps a type of document for the company and so may know it is under a legal hold (besides
 * compliance_officer and admin): a role, and the document types it keeps. Never the document's own
 * subject: an owner does not learn that an investigation exists.
 */
export const LEGAL_HOLD_CUSTODIANS: Readonly<Record<string, readonly string[]>> = {
  hr: ['personnel_file', 'payslip'],
  accountant: ['invoice'],
};

export interface DocumentEventData {
  documentId: string;
  title: string;
  documentType: string | null;
  classification: 'PUBLIC' | 'INTERNAL' | 'CONFIDENTIAL' | 'STRICTLY_CONFIDENTIAL';
  ownerEmployeeId: string | null;
  version: number;
  /** The date until which the document must be kept, when its retention rule knows it. */
  retentionUntil: string | null;
}

export interface TicketSlaBreachedData {
  ticketId: string;
  priority: string;
  kinds: ('RESPONSE' | 'RESOLUTION')[];
  escalatedPriority: string;
}
