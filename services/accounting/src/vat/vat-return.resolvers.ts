import type { Resolvers } from '../generated/graphql.js';

export const vatReturnResolvers: Resolvers = {
  Query: {
    vatReturn: (_, a, ctx) => ctx.services.vatReturns.quarter(a.year, a.quarter),
  },
};
