import type { Resolvers } from '../generated/graphql.js';

export const searchResolvers: Resolvers = {
  Query: {
    searchDocuments: (_, a, ctx) => ctx.services.search.search(ctx, a.query, a.first),
  },
};
