import { type DocumentEventData, type Identity, domainEvent } from '@backoffice/kit';
import type { Document } from './document.entity.js';

type Actor = Pick<Identity, 'userId'> | null;
type DocumentVerb = 'uploaded' | 'version_added' | 'deleted' | 'purged';

const dataOf = (d: Document): DocumentEventData => ({
  documentId: d.id,
  title: d.title,
  documentType: d.documentType,
  classification: d.classification,
  ownerEmployeeId: d.ownerEmployeeId,
  version: d.currentVersion,
  retentionUntil: d.retentionUntil,
});

/** `document.uploaded`, `.version_added`, `.deleted`, `.purged`: the catalog's DocumentEventData. */
export const documentEvent = (verb: DocumentVerb, d: Document, actor: Actor) =>
  domainEvent<DocumentEventData>('documents', `document.${verb}`, d.id, dataOf(d), actor);
