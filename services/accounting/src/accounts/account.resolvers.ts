import type { Resolvers } from '../generated/graphql.js';

export const accountResolvers: Resolvers = {
  Query: {
    accounts: (_, filter, ctx) => ctx.services.accounts.list(filter),
  },
  Mutation: {
    createAccount: (_, { input }, ctx) => ctx.services.accounts.create(ctx, input),
    setAccountActive: (_, a, ctx) => ctx.services.accounts.setActive(ctx, a.code, a.active),
  },
  Account: {
    parent: (a, _, ctx) => (a.parentCode ? ctx.services.accounts.byCode(ctx, a.parentCode) : null),
  },
};
