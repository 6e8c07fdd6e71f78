import type { Resolvers } from '../generated/graphql.js';

export const priceResolvers: Resolvers = {
  Query: {
    priceLists: (_, __, ctx) => ctx.services.prices.lists(),
  },
  Mutation: {
    createPriceList: (_, a, ctx) => ctx.services.prices.createList(ctx, a.name, a.currency),
    setPrice: (_, { input }, ctx) => ctx.services.prices.set(ctx, input),
  },
  Price: {
    priceList: async (p, _, ctx) => (await ctx.services.prices.findList(ctx, p.priceListId))!,
  },
};
