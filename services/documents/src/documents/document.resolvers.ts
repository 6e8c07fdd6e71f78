import type { ServiceContext } from '@backoffice/kit';
import type { DocumentsServices } from '../services.js';
import type { UploadDocumentInput } from './document-filing.service.js';
import type { Document, DocumentVersion } from './document.entity.js';
import type { DocumentFilter } from './document.service.js';

type Ctx = ServiceContext<DocumentsServices>;

export const contentPath = (documentId: string, version?: number) =>
  `/documents/${documentId}/content${version ? `?version=${version}` : ''}`;

export const documentResolvers = {
  Query: {
    document: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.documents.find(ctx, id),
    documents: (_: unknown, args: { first?: number; after?: string; filter?: DocumentFilter }, ctx: Ctx) =>
      ctx.services.documents.list(ctx, args),
  },
  Mutation: {
    uploadDocument: (_: unknown, { input }: { input: UploadDocumentInput }, ctx: Ctx) =>
      ctx.services.filing.upload(ctx, input),
    addDocumentVersion: (
      _: unknown,
      a: { id: string; contentBase64: string; mimeType: string; fileName?: string | null },
      ctx: Ctx,
    ) => ctx.services.filing.addVersion(ctx, a.id, a.contentBase64, a.mimeType, a.fileName),
    deleteDocument: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.deletion.delete(ctx, id),
  },
  Document: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.services.documents.find(ctx, ref.id),
    owner: (d: Document) => (d.ownerEmployeeId ? { __typename: 'Employee', id: d.ownerEmployeeId } : null),
    currentVersion: (d: Document, _: unknown, ctx: Ctx) => ctx.services.documents.currentVersion(ctx, d),
    versions: (d: Document, _: unknown, ctx: Ctx) => ctx.services.documents.versions(ctx, d),
    contentPath: (d: Document) => contentPath(d.id),
    grantedUsers: (d: Document, _: unknown, ctx: Ctx) => ctx.services.documents.grants(ctx, d),
  },
  DocumentVersion: {
    contentPath: (v: DocumentVersion) => contentPath(v.documentId, v.number),
  },
  Employee: {
    documents: (e: { id: string }, _: unknown, ctx: Ctx) => ctx.services.documents.ownedBy(ctx, e.id),
  },
};
