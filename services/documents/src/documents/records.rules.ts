import { LEGAL_HOLD_CUSTODIANS } from '@backoffice/events';
import { type Caller, hasRole, isSelf } from '@backoffice/kit';
import type { AccessFacts } from './document.access.js';

/**
 * Records kept as the law says: who may change a filed document, and when nobody may. Plain rules,
 * tested without a database; the filing and deletion services apply them under the document's lock.
 */

/** Days after its upload in which a document with a retention date may still get a corrected version. */
export const CORRECTION_DAYS = 7;

/** Who may add versions to and delete a document they may read. */
export function mayChange(caller: Caller, doc: AccessFacts): boolean {
  const userId = caller.identity.userId;
  if (!userId) return false;
  const uploadedByCaller = !!doc.createdBy && doc.createdBy === userId;
  // What someone else filed about a person is read-only to that person, whatever roles they hold:
  // nobody removes or replaces the warning, contract or payslip on their own file.
  if (isSelf(caller, doc.ownerEmployeeId)) return uploadedByCaller;
  return uploadedByCaller || hasRole(caller, 'hr', 'accountant', 'compliance_officer');
}

export interface RetentionFacts {
  /** YYYY-MM-DD or null: kept until and including this date. */
  retentionUntil: string | null;
  /** YYYY-MM-DD: the day the document was filed. */
  uploadedOn: string;
}

/** The date a document must be kept until, when that is today or later; null when it may go. */
export function keptUntil(doc: Pick<RetentionFacts, 'retentionUntil'>, today: string): string | null {
  return doc.retentionUntil !== null && doc.retentionUntil >= today ? doc.retentionUntil : null;
}

/** Why a deletion is refused under retention (for every role, admin included), or null. */
export function retentionRefusesDeletion(doc: RetentionFacts, today: string): string | null {
  const until = keptUntil(doc, today);
  return until
    ? `this document must be kept until ${until} (its retention period); it may be deleted after that date`
    : null;
}

/** The last day a corrected version may be added to a document under retention. */
export function lastCorrectionDay(uploadedOn: string): string {
  const d = new Date(`${uploadedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + CORRECTION_DAYS);
  return d.toISOString().slice(0, 10);
}

/**
 * Why a new version is refused under retention, or null. Earlier versions are never overwritten, but
 * the record someone relies on is the current one: once the short correction window after filing
 * has passed, a document under retention stays as filed until its date.
 */
export function retentionRefusesNewVersion(doc: RetentionFacts, today: string): string | null {
  const until = keptUntil(doc, today);
  if (!until) return null;
  const lastDay = lastCorrectionDay(doc.uploadedOn);
  if (today <= lastDay) return null;
  return `this document must be kept as filed until ${until} (its retention period); corrections were possible until ${lastDay}`;
}

/**
 * Who may know a document is under a legal hold: compliance_officer, admin, and the roles that keep
 * that type of document (hr for personnel files and payslips, accountant for invoices), but never
 * the person the document is about.
 */
export function mayKnowOfHolds(caller: Caller, doc: Pick<AccessFacts, 'documentType' | 'ownerEmployeeId'>) {
  if (hasRole(caller, 'compliance_officer')) return true;
  if (isSelf(caller, doc.ownerEmployeeId)) return false;
  const type = doc.documentType;
  return !!type && caller.identity.roles.some((role) => LEGAL_HOLD_CUSTODIANS[role]?.includes(type) ?? false);
}

/** The refusal of a change to a held document: named to those who may know of holds, plain to others. */
export function holdRefusal(mayKnow: boolean, what: 'deleted' | 'replaced'): string {
  return mayKnow
    ? `this document is under a legal hold and may not be ${what} until compliance releases the hold`
    : `this document must be kept for now and may not be ${what}`;
}
