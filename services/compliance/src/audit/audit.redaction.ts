/**
 * Data minimisation in the audit trail. The trail keeps every event for years and compliance officers
 * read it; it needs who did what to which record, not the personal data the event carried to its
 * consumers. So each event type's personal fields are declared here once and stored as `[redacted]`
 * before the entry is chained (the hash covers what is stored, so verification holds). Consumers still get
 * the full event from the bus; only the trail's copy is minimised.
 *
 * Every event type in the catalog is declared, an empty list meaning "looked at: nothing personal"; the
 * test fails for a catalogued type that is not. Paths: `field`, `object.field`, `list[]` (every element),
 * `list[].field`.
 */
export const REDACTED = '[redacted]';

export const AUDIT_REDACTIONS: Readonly<Record<string, readonly string[]>> = {
  // hr: the employee id identifies the person for the trail; names and email are hr's to keep.
  'backoffice.hr.employee.hired': ['givenName', 'familyName', 'email'],
  'backoffice.hr.employee.terminated': ['givenName', 'familyName', 'email'],
  'backoffice.hr.employee.updated': [],
  'backoffice.hr.contract.changed': [],
  // Pay per employee (older events carried it); totals per cost center are the company's, not a person's.
  'backoffice.hr.payroll_run.finalized': ['employees'],
  'backoffice.hr.payroll_run.calculated': [],
  // The kind of leave tells sickness apart (health data); dates and days are what the trail needs.
  'backoffice.hr.leave.requested': ['type', 'reason'],
  'backoffice.hr.leave.decided': ['type', 'comment'],
  'backoffice.hr.leave.cancelled': ['type'],
  // An employee's allowance amount, should the event ever carry it (it names the kind only today);
  // employee.updated names changed fields (iban among them), never their values.
  'backoffice.hr.allowance.set': ['monthlyAmount'],
  // accounting and compliance: business records, no personal fields.
  'backoffice.accounting.journal_entry.posted': [],
  'backoffice.accounting.journal_entry.reversed': [],
  'backoffice.accounting.journal_entry.approval_requested': [],
  'backoffice.compliance.approval.decided': [],
  'backoffice.compliance.legal_hold.placed': [],
  'backoffice.compliance.legal_hold.released': [],
  // documents: ids, classification and retention; titles name the record, not its contents.
  'backoffice.documents.document.uploaded': [],
  'backoffice.documents.document.version_added': [],
  'backoffice.documents.document.deleted': [],
  'backoffice.documents.document.purged': [],
  'backoffice.documents.legal_hold.applied': [],
  'backoffice.documents.legal_hold.lifted': [],
  'backoffice.documents.document.access_requested': [],
  'backoffice.documents.document.access_granted': [],
  'backoffice.documents.document.access_refused': [],
  'backoffice.it.ticket.sla_breached': [],
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
