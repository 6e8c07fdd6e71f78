import type { EntityManager } from 'typeorm';
import type { StoredBlob } from '../storage/blob-store.js';
import { Document, DocumentVersion } from './document.entity.js';

/** What a new document says about itself; the rest (version 1, empty text, timestamps) is the same for all. */
export type NewDocument = Pick<
  Document,
  | 'title'
  | 'documentType'
  | 'classification'
  | 'ownerEmployeeId'
  | 'tags'
  | 'retentionUntil'
  | 'textStatus'
  | 'createdBy'
>;

/**
 * A new document and its first version, in the caller's transaction (after its blob is recorded):
 * the one way documents come into being, whether a person uploads them or payroll files a payslip.
 */
export async function insertWithFirstVersion(
  em: EntityManager,
  document: NewDocument,
  file: { blob: StoredBlob; mimeType: string; fileName: string | null },
): Promise<Document> {
  const doc = await em.save(
    em.create(Document, { ...document, currentVersion: 1, searchText: '', updatedAt: new Date() }),
  );
  await em.insert(DocumentVersion, {
    documentId: doc.id,
    number: 1,
    sha256: file.blob.sha256,
    size: file.blob.size,
    mimeType: file.mimeType,
    fileName: file.fileName,
    createdBy: document.createdBy,
  });
  return doc;
}
