import type { Resolvers } from '../generated/graphql.js';

export const workdayResolvers: Resolvers = {
  Mutation: {
    registerWorkday: (_, a, ctx) => ctx.services.workdays.register(ctx, a),
  },
  Employee: {
    workdays: (e, a, ctx) => ctx.services.workdays.list(ctx, e.id, a.from, a.to),
  },
};
