import * as accounting from './accounting.js';
import * as catalog from './catalog.js';
import * as compliance from './compliance.js';
import { allEvents, consumer, oneOf } from './contract.js';
import * as documents from './documents.js';
import * as hr from './hr.js';
import * as it from './it.js';

/**
 * Every durable consumer of every service and what it reads. A handler names its entry here (its
 * `consumer`), the bus permissions (scripts/lib/bus-permissions.ts) allow exactly these durables with
 * exactly these filters, and docs/events.md lists them under the events they read. A new consumer
 * is a line here first.
 */
export const CONSUMERS = {
  hr: {},
  accounting: {
    approvals: consumer('accounting', 'accounting-approvals', compliance.approvalDecided),
    payrollBooking: consumer('accounting', 'accounting-payroll-booking', hr.payrollRunFinalized),
    // Received and issued on one durable (backoffice.catalog.stock.*): the others are acknowledged unread.
    stockBooking: consumer(
      'accounting',
      'accounting-stock-booking',
      oneOf(catalog.stockReceived, catalog.stockIssued),
    ),
  },
  documents: {
    // Hired and terminated on one durable keep them in order.
    employees: consumer('documents', 'documents-employees', oneOf(hr.employeeHired, hr.employeeTerminated)),
    // Each finalized payslip's PDF, filed for its employee.
    payslips: consumer('documents', 'documents-payslips', hr.payslipIssued),
    // Placed and released on one durable apply in order; a release seen first still wins.
    legalHolds: consumer(
      'documents',
      'documents-legal-holds',
      oneOf(compliance.legalHoldPlaced, compliance.legalHoldReleased),
    ),
  },
  compliance: {
    // The audit trail records every event, so compliance reads the whole stream.
    audit: consumer('compliance', 'compliance-audit', allEvents),
    employeeHired: consumer('compliance', 'compliance-employee-hired', hr.employeeHired),
    employeeTerminated: consumer('compliance', 'compliance-employee-terminated', hr.employeeTerminated),
    journalEntryApprovals: consumer(
      'compliance',
      'compliance-journal-entry-approvals',
      accounting.journalEntryApprovalRequested,
    ),
    legalHoldConfirmations: consumer(
      'compliance',
      'compliance-legal-hold-confirmations',
      oneOf(documents.legalHoldApplied, documents.legalHoldLifted),
    ),
    slaBreaches: consumer('compliance', 'compliance-sla-breaches', it.ticketSlaBreached),
    priceApprovals: consumer('compliance', 'compliance-price-approvals', catalog.priceApprovalRequested),
    reversals: consumer('compliance', 'compliance-reversals', accounting.journalEntryReversed),
    documents: consumer(
      'compliance',
      'compliance-documents',
      oneOf(
        documents.documentUploaded,
        documents.documentVersionAdded,
        documents.documentDeleted,
        documents.documentPurged,
      ),
    ),
  },
  it: {
    onboarding: consumer('it', 'it-onboarding', hr.employeeHired),
    offboarding: consumer('it', 'it-offboarding', hr.employeeTerminated),
  },
  catalog: {
    priceApprovals: consumer('catalog', 'catalog-price-approvals', compliance.approvalDecided),
  },
} as const;
