import { type LegalHoldData, compliance } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { LegalHold } from './legal-hold.entity.js';

const data = (h: LegalHold): LegalHoldData => ({
  legalHoldId: h.id,
  documentId: h.documentId,
  reason: h.reason,
  placedBy: h.placedBy,
});

/** documents obeys these: no deletion or purge of the document while any hold is active. */
export const legalHoldPlaced = (h: LegalHold, actor: Identity) =>
  domainEvent(compliance.legalHoldPlaced, h.id, data(h), actor);

export const legalHoldReleased = (h: LegalHold, actor: Identity) =>
  domainEvent(compliance.legalHoldReleased, h.id, data(h), actor);
