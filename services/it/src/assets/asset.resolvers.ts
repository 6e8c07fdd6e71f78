import type { Resolvers } from '../generated/graphql.js';

export const assetResolvers: Resolvers = {
  Query: {
    assets: (_, a, ctx) => ctx.services.assets.list(a.status),
    asset: (_, a, ctx) => ctx.services.assets.find(ctx, a.id),
  },
  Mutation: {
    createAsset: (_, { input }, ctx) => ctx.services.assets.create(ctx, input),
    assignAsset: (_, a, ctx) => ctx.services.assets.assign(ctx, a.assetId, a.employeeId),
    returnAsset: (_, a, ctx) => ctx.services.assets.return(ctx, a.assetId),
  },
  Asset: {
    __resolveReference: (ref, ctx) => ctx.services.assets.find(ctx, ref.id),
    history: (a, _, ctx) => ctx.services.assets.history(ctx, a.id),
    assignee: (a) => (a.assigneeId ? { __typename: 'Employee', id: a.assigneeId } : null),
  },
  AssetAssignment: {
    employee: (h) => ({ __typename: 'Employee', id: h.employeeId }),
  },
};
