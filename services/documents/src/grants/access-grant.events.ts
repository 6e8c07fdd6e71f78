import { documents } from '@backoffice/events';
import { type ServiceContext, domainEvent } from '@backoffice/kit';
import type { Document } from '../documents/document.entity.js';
import type { DocumentAccessRequest } from './access-request.entity.js';

const BY_VERB = {
  access_requested: documents.documentAccessRequested,
  access_granted: documents.documentAccessGranted,
  access_refused: documents.documentAccessRefused,
} as const;

/** A request for, a grant of, or a refusal of access to a document beyond its classification. */
export const accessEvent = (
  verb: keyof typeof BY_VERB,
  doc: Document,
  r: DocumentAccessRequest,
  ctx: ServiceContext,
) =>
  domainEvent(
    BY_VERB[verb],
    doc.id,
    {
      requestId: r.id,
      documentId: doc.id,
      classification: doc.classification,
      userId: r.userId,
      requestedBy: r.requestedBy,
      decidedBy: r.decidedBy,
    },
    ctx.identity,
  );
