import type { Resolvers } from '../generated/graphql.js';

export const warehouseResolvers: Resolvers = {
  Query: {
    warehouses: (_, __, ctx) => ctx.services.warehouses.list(),
  },
  Mutation: {
    createWarehouse: (_, a, ctx) => ctx.services.warehouses.create(ctx, a.code, a.name),
  },
};
