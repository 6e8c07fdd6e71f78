import { accounting, catalog, compliance, documents, hr, it } from '@backoffice/events';

/**
 * Data minimisation in the audit trail. The trail keeps every event for years and compliance officers
 * read it; it needs who did what to which record, not the personal data the event carried to its
 * consumers. So each event type's personal fields are declared here once and stored as `[redacted]`
 * before the entry is chained (the hash covers what is stored, so verification holds). Consumers still get
 * the full event from the bus; only the trail's copy is minimised.
 *
 * Every event type in the catalogue (@backoffice/events) is declared, an empty list meaning "looked at: nothing personal"; the
 * test fails for a catalogued type that is not. Paths: `field`, `object.field`, `list[]` (every element),
 * `list[].field`.
 */
export const REDACTED = '[redacted]';

export const AUDIT_REDACTIONS: Readonly<Record<string, readonly string[]>> = {
  // hr: the employee id identifies the person for the trail; names and email are hr's to keep.
  [hr.employeeHired.type]: ['givenName', 'familyName', 'email'],
  [hr.employeeTerminated.type]: ['givenName', 'familyName', 'email'],
  [hr.employeeUpdated.type]: [],
  [hr.contractChanged.type]: [],
  // Pay per employee (older events carried it); totals per cost center are the company's, not a person's.
  [hr.payrollRunFinalized.type]: ['employees'],
  // One person's payslip: the trail keeps who, which run and the file's hash, not the file.
  [hr.payslipIssued.type]: ['contentBase64'],
  [hr.payrollRunCalculated.type]: [],
  // The kind of leave tells sickness apart (health data); dates and days are what the trail needs.
  [hr.leaveRequested.type]: ['type', 'reason'],
  [hr.leaveDecided.type]: ['type', 'comment'],
  [hr.leaveCancelled.type]: ['type'],
  // An employee's allowance amount, should the event ever carry it (it names the kind only today);
  // employee.updated names changed fields (iban among them), never their values.
  [hr.allowanceSet.type]: ['monthlyAmount'],
  // accounting and compliance: business records, no personal fields.
  [accounting.journalEntryPosted.type]: [],
  [accounting.journalEntryReversed.type]: [],
  [accounting.journalEntryApprovalRequested.type]: [],
  [compliance.approvalDecided.type]: [],
  [compliance.legalHoldPlaced.type]: [],
  [compliance.legalHoldReleased.type]: [],
  // documents: ids, classification and retention; titles name the record, not its contents.
  [documents.documentUploaded.type]: [],
  [documents.documentVersionAdded.type]: [],
  [documents.documentDeleted.type]: [],
  [documents.documentPurged.type]: [],
  [documents.legalHoldApplied.type]: [],
  [documents.legalHoldLifted.type]: [],
  [documents.documentAccessRequested.type]: [],
  [documents.documentAccessGranted.type]: [],
  [documents.documentAccessRefused.type]: [],
  [it.ticketSlaBreached.type]: [],
  // Looked at when the contracts moved to @backoffice/events: ids, codes, amounts of the company's
  // business and the names of records; nothing personal beyond an employee's id.
  [hr.departmentCreated.type]: [],
  [hr.payrollRunCreated.type]: [],
  [hr.workdayRegistered.type]: [],
  [accounting.accountActivated.type]: [],
  [accounting.accountCreated.type]: [],
  [accounting.accountDeactivated.type]: [],
  [accounting.invoiceIssued.type]: [],
  [accounting.invoiceSettled.type]: [],
  [accounting.journalEntryRejected.type]: [],
  [accounting.paymentRecorded.type]: [],
  [accounting.periodClosed.type]: [],
  [accounting.periodReopened.type]: [],
  [compliance.approvalRequested.type]: [],
  [compliance.approvalStepApproved.type]: [],
  [compliance.auditCheckpoint.type]: [],
  [compliance.policyAcknowledged.type]: [],
  [compliance.policyPublished.type]: [],
  [it.agentRegistered.type]: [],
  [it.agentRetired.type]: [],
  [it.assetAssigned.type]: [],
  [it.assetRegistered.type]: [],
  [it.assetReturned.type]: [],
  [it.ticketAssigned.type]: [],
  [it.ticketCreated.type]: [],
  [it.ticketResolved.type]: [],
  [it.ticketStatusChanged.type]: [],
  [it.ticketWatcherAdded.type]: [],
  [it.ticketWatcherRemoved.type]: [],
  // catalog: products, prices and stock of the company; a reservation's reference names an order, not a person.
  [catalog.productCreated.type]: [],
  [catalog.productChanged.type]: [],
  [catalog.priceListCreated.type]: [],
  [catalog.priceChanged.type]: [],
  [catalog.priceApprovalRequested.type]: [],
  [catalog.priceRejected.type]: [],
  [catalog.warehouseCreated.type]: [],
  [catalog.stockReceived.type]: [],
  [catalog.stockIssued.type]: [],
  [catalog.stockAdjusted.type]: [],
  [catalog.stockReserved.type]: [],
  [catalog.stockReleased.type]: [],
  [catalog.stockTransferred.type]: [],
  [catalog.stockLow.type]: [],
};

/** The payload as the trail stores it: a copy with the type's declared personal fields redacted. */
export function redactForAudit(type: string, data: unknown): unknown {
  const paths = AUDIT_REDACTIONS[type];
  if (!paths || paths.length === 0 || data === null || typeof data !== 'object') return data;
  const copy = structuredClone(data);
  for (const path of paths) redactPath(copy, path.split('.'));
  return copy;
}

function redactPath(node: unknown, segments: readonly string[]): void {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  const [head, ...rest] = segments;
  const each = head.endsWith('[]');
  const key = each ? head.slice(0, -2) : head;
  const obj = node as Record<string, unknown>;
  const value = obj[key];
  // Absent and null fields stay as they are: nothing personal to hide, and the shape stays honest.
  if (value === undefined || value === null) return;
  if (each) {
    if (!Array.isArray(value)) obj[key] = REDACTED;
    else if (rest.length === 0) obj[key] = value.map(() => REDACTED);
    else for (const item of value) redactPath(item, rest);
    return;
  }
  if (rest.length === 0) obj[key] = REDACTED;
  else redactPath(value, rest);
}
