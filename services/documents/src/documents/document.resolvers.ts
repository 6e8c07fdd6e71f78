import type { Resolvers } from '../generated/graphql.js';

export const contentPath = (documentId: string, version?: number) =>
  `/documents/${documentId}/content${version ? `?version=${version}` : ''}`;

export const documentResolvers: Resolvers = {
  Query: {
    document: (_, { id }, ctx) => ctx.services.documents.find(ctx, id),
    documents: (_, args, ctx) => ctx.services.documents.list(ctx, args),
  },
  Mutation: {
    uploadDocument: (_, { input }, ctx) => ctx.services.filing.upload(ctx, input),
    addDocumentVersion: (_, a, ctx) =>
      ctx.services.filing.addVersion(ctx, a.id, a.contentBase64, a.mimeType, a.fileName),
    deleteDocument: (_, { id }, ctx) => ctx.services.deletion.delete(ctx, id),
  },
  Document: {
    __resolveReference: (ref, ctx) => ctx.services.documents.find(ctx, ref.id),
    owner: (d) => (d.ownerEmployeeId ? { __typename: 'Employee', id: d.ownerEmployeeId } : null),
    currentVersion: (d, _, ctx) => ctx.services.documents.currentVersion(ctx, d),
    versions: (d, _, ctx) => ctx.services.documents.versions(ctx, d),
    contentPath: (d) => contentPath(d.id),
    grantedUsers: (d, _, ctx) => ctx.services.documents.grants(ctx, d),
  },
  DocumentVersion: {
    contentPath: (v) => contentPath(v.documentId, v.number),
  },
  Employee: {
    documents: (e, _, ctx) => ctx.services.documents.ownedBy(ctx, e.id),
  },
};
