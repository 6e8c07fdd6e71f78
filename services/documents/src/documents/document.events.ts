import { type DocumentEventData, documents } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { Document } from './document.entity.js';

type Actor = Pick<Identity, 'userId'> | null;
const BY_VERB = {
  uploaded: documents.documentUploaded,
  version_added: documents.documentVersionAdded,
  deleted: documents.documentDeleted,
  purged: documents.documentPurged,
} as const;
type DocumentVerb = keyof typeof BY_VERB;

const dataOf = (d: Document): DocumentEventData => ({
  documentId: d.id,
  title: d.title,
  documentType: d.documentType,
  classification: d.classification,
  ownerEmployeeId: d.ownerEmployeeId,
  version: d.currentVersion,
  retentionUntil: d.retentionUntil,
});

/** `document.uploaded`, `.version_added`, `.deleted`, `.purged`: one payload for the four. */
export const documentEvent = (verb: DocumentVerb, d: Document, actor: Actor) =>
  domainEvent(BY_VERB[verb], d.id, dataOf(d), actor);
