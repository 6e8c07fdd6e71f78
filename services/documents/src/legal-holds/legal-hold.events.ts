import { type LegalHoldAppliedData, type LegalHoldData, documents } from '@backoffice/events';
import { domainEvent } from '@backoffice/kit';

/** documents answers compliance's holds itself: the system, not a person, is the actor. */
const SYSTEM = { userId: 'system:documents' };

export const legalHoldApplied = (
  h: LegalHoldData,
  outcome: LegalHoldAppliedData['outcome'],
  documentDeleted: boolean,
) =>
  domainEvent(
    documents.legalHoldApplied,
    h.legalHoldId,
    { legalHoldId: h.legalHoldId, documentId: h.documentId, outcome, documentDeleted },
    SYSTEM,
  );

/** `stillHeld`: other holds on the same document still stand. */
export const legalHoldLifted = (h: LegalHoldData, stillHeld: boolean) =>
  domainEvent(
    documents.legalHoldLifted,
    h.legalHoldId,
    { legalHoldId: h.legalHoldId, documentId: h.documentId, stillHeld },
    SYSTEM,
  );
