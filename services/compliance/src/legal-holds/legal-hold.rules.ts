import { LEGAL_HOLD_CUSTODIANS } from '@backoffice/events';
import { type Caller, hasRole, isSelf } from '@backoffice/kit';
import type { LegalHold, LegalHoldStatus } from './legal-hold.entity.js';

/** Where a hold stands in its two phases: recorded here, then applied (or released) by documents. */
export function statusOf(
  h: Pick<LegalHold, 'appliedAt' | 'refused' | 'releasedAt' | 'liftedAt'>,
): LegalHoldStatus {
  if (h.refused) return 'REFUSED';
  if (h.releasedAt) return h.liftedAt ? 'RELEASED' : 'RELEASING';
  return h.appliedAt ? 'ACTIVE' : 'PENDING';
}

/** A hold binds (or is about to) until it is released or documents refused it. */
export const isActive = (h: Pick<LegalHold, 'refused' | 'releasedAt'>) => !h.refused && !h.releasedAt;

/**
 * Who may know a document is under a legal hold: compliance_officer, admin, and the roles that keep
 * that type of document (LEGAL_HOLD_CUSTODIANS: hr for personnel files and payslips, accountant for
 * invoices), never the person the document is about: an owner does not learn an investigation exists.
 */
export function mayKnowOfHolds(
  caller: Caller,
  doc: { documentType: string | null; ownerEmployeeId: string | null } | null,
): boolean {
  if (hasRole(caller, 'compliance_officer')) return true;
  if (!doc || isSelf(caller, doc.ownerEmployeeId)) return false;
  const type = doc.documentType;
  return !!type && caller.identity.roles.some((role) => LEGAL_HOLD_CUSTODIANS[role]?.includes(type) ?? false);
}

/** The answer when documents did not confirm in time: the hold is recorded, not yet in force. */
export function pendingMessage(
  h: Pick<LegalHold, 'id' | 'documentId'>,
  phase: 'placed' | 'released',
  seconds: number,
) {
  return phase === 'placed'
    ? `legal hold ${h.id} is recorded but the documents service has not confirmed it within ${seconds} s: it is PENDING and protects document ${h.documentId} only once confirmed; check legalHolds(filter: { documentId }) for status ACTIVE before relying on it`
    : `the release of legal hold ${h.id} is recorded but the documents service has not confirmed it within ${seconds} s: it is RELEASING and document ${h.documentId} stays held until confirmed`;
}
