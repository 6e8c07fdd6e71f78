import { z } from 'zod';
import { defineEvent } from './contract.js';

/** documents' events: a document's life, access beyond its classification, and its side of legal holds. */

const producer = 'documents';
const classification = z.enum(['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'STRICTLY_CONFIDENTIAL']);

const document = z.object({
  documentId: z.string(),
  title: z.string(),
  documentType: z.string().nullable(),
  classification,
  ownerEmployeeId: z.string().nullable(),
  version: z.number(),
  /** The date until which the document must be kept, when its retention rule knows it. */
  retentionUntil: z.string().nullable(),
});

export const documentUploaded = defineEvent({
  producer,
  aggregate: 'document',
  verb: 'uploaded',
  summary: 'A document filed (its first version).',
  schema: document,
});

export const documentVersionAdded = defineEvent({
  producer,
  aggregate: 'document',
  verb: 'version_added',
  summary: 'A new version of a document.',
  schema: document,
});

export const documentDeleted = defineEvent({
  producer,
  aggregate: 'document',
  verb: 'deleted',
  summary: 'A document deleted to its users; its bytes stay until its retention ends.',
  schema: document,
});

export const documentPurged = defineEvent({
  producer,
  aggregate: 'document',
  verb: 'purged',
  summary: "A document's bytes destroyed at the end of its retention.",
  schema: document,
});

/** A request for, a grant of, or a refusal of access to a document beyond what its classification allows. */
const documentAccess = z.object({
  requestId: z.string(),
  documentId: z.string(),
  classification,
  /** The user who is (to be) let in. */
  userId: z.string(),
  requestedBy: z.string(),
  /** The second person; null while requested. */
  decidedBy: z.string().nullable(),
});

export const documentAccessRequested = defineEvent({
  producer,
  aggregate: 'document',
  verb: 'access_requested',
  summary: 'Access to a document beyond its classification asked for a user.',
  schema: documentAccess,
});

export const documentAccessGranted = defineEvent({
  producer,
  aggregate: 'document',
  verb: 'access_granted',
  summary: 'That access granted by a second person.',
  schema: documentAccess,
});

export const documentAccessRefused = defineEvent({
  producer,
  aggregate: 'document',
  verb: 'access_refused',
  summary: 'That access refused.',
  schema: documentAccess,
});

/**
 * documents' answer to a hold or a release: the second phase of a legal hold. `HELD`: the document can
 * no longer be deleted, replaced or purged (`documentDeleted` when it had been deleted just before:
 * its bytes are kept all the same); `NO_SUCH_DOCUMENT` / `PURGED`: there is nothing to hold.
 */
export const legalHoldApplied = defineEvent({
  producer,
  aggregate: 'legal_hold',
  verb: 'applied',
  summary: "documents' answer to a placed hold: HELD, or nothing to hold (NO_SUCH_DOCUMENT, PURGED).",
  schema: z.object({
    legalHoldId: z.string(),
    documentId: z.string(),
    outcome: z.enum(['HELD', 'NO_SUCH_DOCUMENT', 'PURGED']),
    documentDeleted: z.boolean(),
  }),
});

export const legalHoldLifted = defineEvent({
  producer,
  aggregate: 'legal_hold',
  verb: 'lifted',
  summary: "documents' answer to a released hold.",
  schema: z.object({
    legalHoldId: z.string(),
    documentId: z.string(),
    /** Other holds on the same document still stand. */
    stillHeld: z.boolean(),
  }),
});

/**
 * Who keeps a type of document for the company and so may know it is under a legal hold (besides
 * compliance_officer and admin): a role, and the document types it keeps. Never the document's own
 * subject: an owner does not learn that an investigation exists.
 */
export const LEGAL_HOLD_CUSTODIANS: Readonly<Record<string, readonly string[]>> = {
  hr: ['personnel_file', 'payslip'],
  accountant: ['invoice'],
};
