import type { Resolvers } from '../generated/graphql.js';

export const accessGrantResolvers: Resolvers = {
  Query: {
    documentAccessRequests: (_, filter, ctx) => ctx.services.grants.list(filter),
  },
  Mutation: {
    requestDocumentAccess: (_, a, ctx) => ctx.services.grants.request(ctx, a.documentId, a.userId, a.reason),
    grantDocumentAccess: (_, a, ctx) => ctx.services.grants.grant(ctx, a.documentId, a.userId),
    refuseDocumentAccess: (_, a, ctx) => ctx.services.grants.refuse(ctx, a.requestId),
  },
};
